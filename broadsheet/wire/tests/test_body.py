"""Agency HTML to article blocks: only safe, structural HTML gets through."""

from broadsheet.wire.body import body_blocks
from broadsheet.wire.html import sanitise

HOSTILE = (
    '<p onclick="steal()">Hello <script>alert(1)</script><b>world</b></p>'
    '<img src="x" onerror="alert(2)">'
    '<p><a href="javascript:alert(3)">bad</a> <a href="/relative">rel</a> '
    '<a href="https://example.org/a" style="color:red" target="_blank">good</a></p>'
    "<style>p{}</style><iframe src='https://evil.example'>x</iframe><!-- c -->"
)


def blocks(markup, headline=""):
    return [
        (kind, str(value)) for kind, value in body_blocks(sanitise(markup), headline)
    ]


def test_nothing_that_runs_survives():
    safe = sanitise(HOSTILE)
    for needle in ("script", "onclick", "onerror", "javascript:", "<img", "iframe",
                   "style", "<!--", "/relative", "target"):  # fmt: skip
        assert needle not in safe
    assert '<a href="https://example.org/a" rel="noopener nofollow">good</a>' in safe


def test_structure_becomes_the_editors_blocks():
    markup = (
        "<html><head><title>Storm</title></head><body><article>"
        "<h1>Storm</h1><div><span>Oslo</span><span>NTB</span></div>"
        "<p>One <strong>two</strong> <em>three</em>.</p><ul><li>a</li><li>b</li></ul>"
        "<h3>Aftermath</h3><blockquote>We rebuild.<cite>The mayor</cite></blockquote>"
        "<figure><img src='https://x/y.jpg'><figcaption>A picture</figcaption></figure>"
        "<table><tr><th>Team</th><th>Pts</th></tr><tr><td>Oslo</td><td>3</td></tr></table>"
        "</article></body></html>"
    )
    assert blocks(markup, headline="Storm") == [
        (
            "paragraph",
            "<p>Oslo NTB</p><p>One <b>two</b> <i>three</i>.</p>"
            "<ul><li>a</li><li>b</li></ul>",
        ),
        ("subhead", "Aftermath"),
        ("quote", "{'text': 'We rebuild.', 'attribution': 'The mayor'}"),
        ("paragraph", "<p>Team | Pts</p><p>Oslo | 3</p>"),
    ]


def test_a_pull_quote_figure_keeps_its_attribution():
    markup = (
        "<figure><blockquote>Never again.</blockquote>"
        "<figcaption>Ann</figcaption></figure>"
    )
    assert blocks(markup) == [
        ("quote", "{'text': 'Never again.', 'attribution': 'Ann'}")
    ]


def test_empty_paragraphs_make_no_blocks():
    assert blocks("<p></p><p> <br> </p>") == []


def test_the_search_text_of_blocks_is_what_the_index_would_extract():
    from broadsheet.news.blocks import ArticleBodyBlock
    from broadsheet.search.documents import body_text
    from broadsheet.wire.body import searchable_text

    markup = (
        "<p>Rates &amp; <b>bonds</b></p><h2>Why</h2>"
        "<blockquote>Soon.<cite>Ann</cite></blockquote>"
    )
    blocks = body_blocks(sanitise(markup))

    class Article:
        body = ArticleBodyBlock().to_python(
            [{"type": k, "value": ArticleBodyBlock().child_blocks[k].get_prep_value(v)}
             for k, v in blocks]
        )  # fmt: skip

    assert (
        searchable_text(blocks).split()
        == body_text(Article).replace("&amp;", "&").split()
    )
