from dataclasses import dataclass, field


@dataclass
class Submission:
    """What a checker may look at. ip_hash, never the address."""

    name: str
    email: str
    body: str
    ip_hash: str = ""
    article_url: str = ""


@dataclass
class Verdict:
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)


class SpamChecker:
    """One way of telling spam. An external service's checker must not raise
    when the service is down: it returns Verdict() and the local rules
    still apply."""

    def check(self, submission: Submission) -> Verdict:
        raise NotImplementedError
