from wagtail.signals import post_page_move


def keep_section_after_move(sender, instance, parent_page_after, **kwargs):
    """A story moved to another section files under that section."""
    from broadsheet.news.models import ArticlePage, SectionPage

    if parent_page_after.specific_class is SectionPage:
        ArticlePage.objects.filter(pk=instance.pk).update(
            section_id=parent_page_after.pk
        )


def connect():
    post_page_move.connect(keep_section_after_move, dispatch_uid="bs-section-on-move")
