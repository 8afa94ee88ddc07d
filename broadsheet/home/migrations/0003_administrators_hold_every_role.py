from django.db import migrations


def administrators_hold_every_role(apps, schema_editor):
    """On an existing install: see broadsheet.home.setup.hold_every_role (a
    fresh install gets the same from setup after migrating)."""
    from broadsheet.home.setup import hold_every_role

    hold_every_role(
        apps.get_model("auth", "Group"),
        apps.get_model("wagtailcore", "GroupPagePermission"),
        apps.get_model("wagtailcore", "GroupCollectionPermission"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(administrators_hold_every_role, migrations.RunPython.noop)
    ]
