"""Pages of a story listing, numbered without counting the listing.

Django's Paginator counts every story a listing holds to number its pages.
At 100,000 stories that count is 35-50 ms of the 80 ms a section or topic
front takes to render on PostgreSQL, and rendering happens again after every
publish (the page cache starts a new generation). Readers move through a
listing with Newer and Older, so a page only needs to know whether another
follows it: it fetches one story more than it shows. The count is taken only
for a page past the end, which shows the last page instead of an error
(and is not stored by the page cache: any number would make another copy).
"""

from collections.abc import Sequence

from broadsheet.core.cache_keys import do_not_store

LISTING_PAGE_SIZE = 20


class ListingPage(Sequence):
    """What templates use of Django's Page: the stories, the number and the
    neighbours. There is no paginator, so no "of N pages" to show."""

    paginator = None

    def __init__(self, object_list, number, has_next):
        self.object_list = object_list
        self.number = number
        self._has_next = has_next

    def __len__(self):
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next() or self.has_previous()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def paginate(request, queryset, per_page=LISTING_PAGE_SIZE) -> ListingPage:
    """One page of a listing; a bad or out-of-range ?page= never errors: a
    number that is not one shows the first page, one past the end the last
    (as Django's Paginator.get_page does)."""
    number = listing_number(request)
    if number >= 1:
        page = page_of(queryset, number, per_page)
        if page.object_list or number == 1:
            return page
    do_not_store(request)
    last = max(1, -(-queryset.count() // per_page))
    return page_of(queryset, last, per_page)


def listing_number(request) -> int:
    """The page of a listing asked for: ?page= as a number, else 1 (what a
    listing's cached fragment is kept by; one past the end is not stored)."""
    try:
        return int(request.GET.get("page", 1))
    except ValueError:
        return 1


def page_of(queryset, number, per_page) -> ListingPage:
    start = (number - 1) * per_page
    stories = list(queryset[start : start + per_page + 1])
    return ListingPage(stories[:per_page], number, len(stories) > per_page)
