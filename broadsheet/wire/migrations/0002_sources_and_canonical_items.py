import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def fill_from_articles(apps, schema_editor):
    """Items imported before items kept their own copy: take the headline,
    standfirst and language from the article they made."""
    import hashlib

    WireItem = apps.get_model("wire", "WireItem")
    for item in WireItem.objects.select_related("article"):
        page = item.article
        if page is None:
            continue
        item.headline = page.title[:255]
        item.standfirst = page.standfirst
        item.language = page.language
        item.published_at = page.first_published_at
        words = "\n".join(
            " ".join(part.split()).casefold() for part in (page.title, page.standfirst)
        )
        item.content_key = hashlib.sha256(words.encode()).hexdigest()
        item.save(
            update_fields=[
                "headline", "standfirst", "language", "published_at", "content_key"
            ]
        )


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0005_article_language'),
        ('wire', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Source',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100)),
                ('slug', models.SlugField(unique=True)),
                ('url', models.URLField(blank=True, help_text='Polled for new items. Leave empty for an agency that pushes.', max_length=2000, verbose_name='URL')),
                ('kind', models.CharField(choices=[('rss', 'RSS (0.9x, 1.0/RDF, 2.0)'), ('atom', 'Atom (0.3, 1.0)'), ('jsonfeed', 'JSON Feed (1.0, 1.1)'), ('ninjs', 'ninjs (one item, an array or JSON Lines)')], default='rss', max_length=10)),
                ('poll_every', models.PositiveIntegerField(default=300, validators=[django.core.validators.MinValueValidator(30)], verbose_name='poll every (seconds)')),
                ('trust', models.CharField(choices=[('desk', 'Items wait on the desk'), ('publish', 'Items are published at once')], default='desk', max_length=10)),
                ('credit', models.CharField(blank=True, help_text="The byline of items that name no author, e.g. the agency's name.", max_length=150, verbose_name='credit line')),
                ('enabled', models.BooleanField(default=True)),
                ('auth', models.CharField(blank=True, choices=[('', 'None'), ('basic', 'HTTP basic (user name and password)'), ('bearer', 'Bearer token')], max_length=10, verbose_name='credentials')),
                ('username', models.CharField(blank=True, max_length=150)),
                ('secret', models.CharField(blank=True, max_length=500)),
                ('push_token_hash', models.CharField(blank=True, max_length=64)),
                ('next_poll_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ('claimed_until', models.DateTimeField(blank=True, null=True)),
                ('last_fetch_at', models.DateTimeField(blank=True, null=True)),
                ('last_success_at', models.DateTimeField(blank=True, null=True)),
                ('last_error', models.CharField(blank=True, max_length=500)),
                ('failures', models.PositiveIntegerField(default=0, help_text='Failed polls in a row (the back-off grows with them).')),
                ('etag', models.CharField(blank=True, max_length=500)),
                ('last_modified', models.CharField(blank=True, max_length=100)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('section', models.ForeignKey(blank=True, help_text='Where its items go when nothing in them names a section.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='news.sectionpage')),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.RenameField(
            model_name='wireitem',
            old_name='first_imported_at',
            new_name='received_at',
        ),
        migrations.AlterField(
            model_name='wireitem',
            name='received_at',
            field=models.DateTimeField(auto_now_add=True, db_index=True),
        ),
        migrations.AlterField(
            model_name='wireitem',
            name='article',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='wire_item', to='news.articlepage'),
        ),
        migrations.AddField(
            model_name='wireitem',
            name='source',
            field=models.ForeignKey(blank=True, help_text='Empty for items imported from files (import_ninjs).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='items', to='wire.source'),
        ),
        migrations.AddField(
            model_name='wireitem',
            name='content_key',
            field=models.CharField(db_index=True, default='', max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='wireitem',
            name='headline',
            field=models.CharField(default='', max_length=255),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='wireitem',
            name='standfirst',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='wireitem',
            name='body_html',
            field=models.TextField(blank=True, help_text='Sanitised.'),
        ),
        migrations.AddField(
            model_name='wireitem',
            name='text',
            field=models.TextField(blank=True, help_text='The body as plain text.'),
        ),
        migrations.AddField(
            model_name='wireitem',
            name='authors',
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name='wireitem',
            name='topics',
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name='wireitem',
            name='genres',
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name='wireitem',
            name='link',
            field=models.CharField(blank=True, db_index=True, max_length=2000),
        ),
        migrations.AddField(
            model_name='wireitem',
            name='language',
            field=models.CharField(blank=True, max_length=35),
        ),
        migrations.AddField(
            model_name='wireitem',
            name='image_url',
            field=models.CharField(blank=True, max_length=2000, verbose_name='lead image URL'),
        ),
        migrations.AddField(
            model_name='wireitem',
            name='pubstatus',
            field=models.CharField(default='usable', max_length=20),
        ),
        migrations.AddField(
            model_name='wireitem',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='When the source first published it.', null=True),
        ),
        migrations.RunPython(fill_from_articles, migrations.RunPython.noop),
    ]
