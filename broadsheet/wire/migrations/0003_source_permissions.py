from django.db import migrations

# As home/setup.py gives them on a new install; groups made before sources
# existed get them here.
GRANTS = {
    "Editors": ["view_source"],
    "Administrators": ["add_source", "change_source", "delete_source", "view_source"],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    if not Group.objects.filter(name__in=GRANTS).exists():
        return  # a new install: home/setup.py grants them after migrate
    # Made here as post_migrate would make them, since they are needed now.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    source, _ = ContentType.objects.get_or_create(app_label="wire", model="source")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            for codename in codenames:
                permission, _ = Permission.objects.get_or_create(
                    content_type=source,
                    codename=codename,
                    defaults={"name": f"Can {codename.replace('_', ' ')}"},
                )
                group.permissions.add(permission)


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wire", "0002_sources_and_canonical_items"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
