"""Arranging a flat, depth-first list of replies into what the page shows: three levels of nesting, and
anything deeper flat under its level-3 ancestor with "membalas @nama"."""

from dataclasses import dataclass, field

from rpjpd.models import NESTING_LEVELS, Reply


@dataclass
class ShownReply:
    reply: Reply
    children: list["ShownReply"] = field(default_factory=list)
    answering: Reply | None = None  # set for flattened replies: whom they answer

    @property
    def shown_count(self) -> int:
        return sum(1 + child.shown_count for child in self.children)


def nest(roots: list[Reply], descendants: list[Reply]) -> list[ShownReply]:
    """`descendants` must be in path order (as ReplyQuerySet.in_threads gives them)."""
    by_id = {reply.pk: reply for reply in roots}
    by_id.update({reply.pk: reply for reply in descendants})
    shown = {reply.pk: ShownReply(reply) for reply in roots}
    for reply in descendants:
        node = ShownReply(reply)
        shown[reply.pk] = node
        if reply.depth < NESTING_LEVELS:
            holder = shown.get(reply.parent_id)
        else:
            deepest_nesting_ancestor = reply.ancestor_ids[NESTING_LEVELS - 1]
            holder = shown.get(deepest_nesting_ancestor)
            if reply.parent_id != deepest_nesting_ancestor:
                node.answering = by_id.get(reply.parent_id)
        if holder is not None:
            holder.children.append(node)
    return [shown[reply.pk] for reply in roots]
