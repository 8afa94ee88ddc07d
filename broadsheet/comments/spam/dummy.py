from broadsheet.comments.spam.base import SpamChecker, Verdict


class AlwaysSpam(SpamChecker):
    """For tests of the plumbing: calls everything spam."""

    def check(self, submission):
        return Verdict(1.0, ["dummy: always spam"])
