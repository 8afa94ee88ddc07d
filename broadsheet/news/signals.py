from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published, post_page_move


def keep_section_after_move(sender, instance, parent_page_after, **kwargs):
    """A story moved to another section files under that section."""
    from broadsheet.news.models import ArticlePage, SectionPage

    if parent_page_after.specific_class is SectionPage:
        ArticlePage.objects.filter(pk=instance.pk).update(
            section_id=parent_page_after.pk
        )


def prepare_story_images(sender, instance, **kwargs):
    """Publishing makes every picture size the pages will ask for."""
    from broadsheet.images.tasks import prepare_renditions

    image_kinds = {}
    if instance.lead_image_id:
        image_kinds[str(instance.lead_image_id)] = ["lead", "teaser", "teaser-lead"]
    for block in instance.body:
        if block.block_type == "image" and block.value["image"]:
            image_kinds.setdefault(str(block.value["image"].pk), []).append("inline")
    if image_kinds:
        transaction.on_commit(lambda: prepare_renditions.enqueue(image_kinds))


def prepare_author_photo(sender, instance, **kwargs):
    from broadsheet.images.tasks import prepare_renditions

    if instance.photo_id:
        kinds = {str(instance.photo_id): ["portrait"]}
        transaction.on_commit(lambda: prepare_renditions.enqueue(kinds))


def connect():
    from broadsheet.news.models import ArticlePage, Author

    post_page_move.connect(keep_section_after_move, dispatch_uid="bs-section-on-move")
    page_published.connect(
        prepare_story_images, sender=ArticlePage, dispatch_uid="bs-story-images"
    )
    post_save.connect(
        prepare_author_photo, sender=Author, dispatch_uid="bs-author-photo"
    )
