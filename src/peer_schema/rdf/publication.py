"""The exporter's mapper behind what `peer_schema.access` decides, so that no triple is made of
something the profile may not publish, whatever the mapping does (rdf/mapping.py).

- Each dataset's node says the access rights of the profile it is written under: a public
  dataset exported with `--profile internal` is labelled `non_public`, never `PUBLIC`.
- Under the public profile (asked for, or implied by a dataset's `access_rights: public`), small
  counts of people are removed from each record before it is mapped (access.ProfileFilter).

The validator has already refused the export when the profile is looser than a dataset's access
rights, or when a record or field is not allowed: the checks here are the writer's own, in case
the data changed between the validation and the export.
"""

from __future__ import annotations

from .. import access


class NotPublishable(access.LooserProfile):
    """A record the profile its dataset's node is written under does not carry: the dataset is
    described in several files with different access rights (the node says the first)."""

    def __init__(self, cls: str, profile: str, dataset):
        Exception.__init__(self, f"a {cls} record of the dataset {dataset} may not be written under the {profile} "
                                 "profile its first description implies: describe a dataset with one access right "
                                 "in every file")
        self.profile, self.access_rights, self.dataset = profile, None, dataset


class PublishingMapper:
    """Wraps a `mapping.Mapper`: `dataset()` and `record()` go through access; the rest is the
    mapper's own."""

    def __init__(self, mapper, asked: str | None, min_count: int = access.DEFAULT_MIN_COUNT,
                 purpose: str | None = None):
        self._mapper = mapper
        self.asked = asked
        self.min_count = min_count
        #: dataset node -> the profile its records are written under
        self.profiles: dict[str, str] = {}
        self.filters = {p: access.ProfileFilter(p, min_count, purpose) for p in access.PROFILES}

    def __getattr__(self, name):
        return getattr(self._mapper, name)

    def dataset(self, header: dict, ctx):
        rights = header.get("access_rights")
        profile = access.profile_for(rights, self.asked, header.get("id"))
        if ctx.node is not None:
            self.profiles.setdefault(ctx.node, profile)
        if isinstance(rights, str) and rights in access.PROFILE_OF_ACCESS:
            header = {**header, "access_rights": access.access_rights_written(rights, profile)}
        return self._mapper.dataset(header, ctx)

    def record(self, cls: str, rec: dict, ctx):
        profile = self.profiles.get(ctx.node) if ctx.node is not None else None
        if profile is None:  # records outside any dataset are checked as public unless a profile is asked
            profile = self.asked or "public"
        if not self.filters[profile].record(cls, rec):  # never written, and the export refused
            raise NotPublishable(cls, profile, ctx.node)
        return self._mapper.record(cls, rec, ctx)

    @property
    def left_out(self) -> access.LeftOut:
        """What the public profile suppressed (counts only)."""
        return self.filters["public"].left_out
