"""The blocks a story's body is made of: what a news article needs, no more."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

# Lists live inside paragraphs (rich text "ol"/"ul"), as editors type them.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "news/blocks/quote.html"


class InlineImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(
        required=False, help_text="Leave empty to use the image's own caption."
    )

    class Meta:
        icon = "image"
        template = "news/blocks/image.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)
    subhead = blocks.CharBlock(
        form_classname="title", icon="title", template="news/blocks/subhead.html"
    )
    quote = QuoteBlock()
    image = InlineImageBlock()
