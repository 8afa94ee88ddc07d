from django.db import migrations

# As home/setup.py gives them on a new install; groups made before the desk
# existed get them here.
GROUPS = ["Authors", "Editors", "Administrators"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    if not Group.objects.filter(name__in=GROUPS).exists():
        return  # a new install: home/setup.py grants them after migrate
    # Made here as post_migrate would make it, since it is needed now.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    story, _ = ContentType.objects.get_or_create(app_label="desk", model="deskstory")
    permission, _ = Permission.objects.get_or_create(
        content_type=story,
        codename="view_deskstory",
        defaults={"name": "Can view desk story"},
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("desk", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
