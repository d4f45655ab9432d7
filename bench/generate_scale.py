"""A national-size data set for `make bench-scale` (docs/scale.md "A national-size data set, measured").

    python bench/generate_scale.py --factor 100        # database rr_scale_100x

Migrates a fresh database, writes small *templates* through the apps' own demo generators (so every row has
the columns, defaults and constraints the models give it), then multiplies them inside PostgreSQL with
`INSERT … SELECT … CROSS JOIN generate_series` — no rows travel through Python. Keys that must be unique
(username, complaint and usulan codes, ids, the reply tree's paths) are recomputed per copy; foreign keys are
shifted to the copy's own parents. Secondary indexes are dropped during the load and rebuilt after it, then
everything is analysed. Prints the time per table and the sizes; writes var/scale/plan-<factor>x.json with the
signed-in sessions and the pages' URLs for bench/scale.py.

Factor 1 ("1×") is:
  10,000 users · 20 topics × 5,000 replies = 100,000 replies · 5,000 documents with extracted text (≈ 2 KB each)
  · 10,000 usulan · 10,000 complaints · 2,000 consultations.
Everything scales linearly with the factor; 100× is the issue's minimum (1 M users, 10 M replies over 2,000
topics, 500,000 documents, 1 M usulan, 1 M complaints).
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]
from common import ROOT, database_url, environment, fresh_database, prepare  # noqa: E402

USERS = 10_000
TOPICS = 20
REPLIES_PER_TOPIC = 5_000
DOCUMENTS = 5_000
USULAN = 10_000
COMPLAINTS = 10_000
CONSULTATIONS = 2_000
TEMPLATE = 1_000  # documents, usulan, complaints written by the demo generators, then copied
READER_CONSULTATIONS = 200
ID_STRIDE = 10**6  # reply ids of topic k are k·10⁶ + the template's id: a path segment maps by its first 4 digits


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--factor", type=int, default=1, help="1, 10 or 100 (any whole number ≥ 1)")
    parser.add_argument("--database", help="default rr_scale_<factor>x")
    return parser.parse_args()


def main() -> None:
    args = parse()
    factor = args.factor
    name = args.database or f"rr_scale_{factor}x"
    began = time.monotonic()
    step("fresh database, migrate, static files", lambda: (fresh_database(name), prepare(environment(name))))
    os.environ.update(environment(name))
    import django

    django.setup()
    plan = load(factor)
    plan["database"] = name
    plan["factor"] = factor
    plan["generation_seconds"] = round(time.monotonic() - began)
    out = ROOT / "var" / "scale"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"plan-{factor}x.json").write_text(json.dumps(plan, indent=1))
    print(f"total {time.monotonic() - began:.0f} s; plan in var/scale/plan-{factor}x.json ({database_url(name)})")


def step(label: str, work):
    began = time.monotonic()
    result = work()
    print(f"  {label:<52} {time.monotonic() - began:8.1f} s", flush=True)
    return result


def load(factor: int) -> dict:
    from django.db import connection

    templates = step("templates through the demo generators", lambda: write_templates(factor))
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute("SET session_replication_role = replica")  # the copies' keys are consistent by construction
        big = ["accounts_user", "rpjpd_reply", "pustaka_document", "pustaka_documentfile", "musrenbang_usulan"]
        big += ["musrenbang_usulanstatuschange", "pengaduan_complaint", "konsultasi_consultation", "konsultasi_message"]
        dropped = {table: drop_indexes(cursor, table) for table in big}
        step(f"users → {USERS * factor:,}", lambda: copy_users(cursor, factor, templates))
        step(f"replies → {REPLIES_PER_TOPIC * TOPICS * factor:,}", lambda: copy_replies(cursor, factor, templates))
        step(f"documents + files → {DOCUMENTS * factor:,}", lambda: copy_documents(cursor, factor))
        step(f"usulan + timeline → {USULAN * factor:,}", lambda: copy_usulan(cursor, factor, templates))
        step(f"complaints → {COMPLAINTS * factor:,}", lambda: copy_complaints(cursor, factor))
        step(f"consultations → {CONSULTATIONS * factor:,}", lambda: copy_consultations(cursor, factor, templates))
        cursor.execute("SET session_replication_role = DEFAULT")
        for table, definitions in dropped.items():
            step(f"indexes of {table} ({len(definitions)})", lambda d=definitions: [cursor.execute(x) for x in d])
        step("sequences, ANALYZE", lambda: finish(cursor))
    from pustaka import indexing

    step("library typo lexicon (materialised view)", indexing.lexicon_refresh)
    sizes(factor)
    return templates["plan"]


# --- Templates, written by the apps' own code


def write_templates(factor: int) -> dict:

    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Permission
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from accounts.models import Role, RoleAssignment, User
    from konsultasi.demo import generate_consultations
    from musrenbang.demo import generate_usulan
    from musrenbang.models import Usulan
    from pengaduan.demo import generate_complaints
    from pustaka.demo import generate_documents
    from rpjpd.demo import SENTENCES, generate_reply_tree
    from rpjpd.models import Reply, Section, Topic

    call_command("import_wilayah", "64.02", verbosity=0)  # Kukar's 20 kecamatan and 237 desa
    authors = User.objects.bulk_create(
        User(username=f"bench{n}", display_name=f"Warga Uji {n}", password=make_password(None)) for n in range(60)
    )
    sections = list(Section.objects.order_by("order", "pk"))
    topics = Topic.objects.bulk_create(
        Topic(
            section=sections[n % len(sections)],
            title=f"Topik uji skala nomor {n + 1}",
            slug=f"topik-skala-{n + 1}",
            body="Ceritakan pengalaman Anda tentang **pembangunan** di kampung Anda.",
            status=Topic.Status.PUBLISHED,
        )
        for n in range(TOPICS * factor)
    )
    if [t.pk for t in topics] != list(range(1, len(topics) + 1)):
        raise SystemExit("a fresh database numbers topics from 1")
    generate_reply_tree(topic=topics[0], count=REPLIES_PER_TOPIC, authors=authors)
    if Reply.objects.order_by("-pk").values_list("pk", flat=True).first() != REPLIES_PER_TOPIC:
        raise SystemExit("a fresh database numbers the template's replies from 1")
    generate_documents(TEMPLATE)
    with connection.cursor() as cursor:  # one PDF per document with its extracted text (≈ 2 KB), then re-index
        cursor.execute(
            "INSERT INTO pustaka_documentfile (id, document_id, file, display_name, kind, content_type, size,"
            ' download_count, extracted_text, extraction, extraction_error, "order")'
            " SELECT d.id, d.id, 'pustaka/skala/' || d.id || '.pdf', 'Naskah lengkap', 'pdf', 'application/pdf',"
            " 250000, 0, (SELECT string_agg(s.t, ' ') FROM (SELECT (%s::text[])[1 + (d.id * 7 + g * 13) %% %s] AS t"
            "   FROM generate_series(1, 18) g) s) || CASE WHEN d.id %% 50 = 7 THEN ' Ekowisata mangrove.' ELSE '' END,"
            " 'selesai', '', 0 FROM pustaka_document d",
            [list(SENTENCES), len(SENTENCES)],
        )
        cursor.execute(
            "UPDATE pustaka_document d SET search_vector ="
            " setweight(to_tsvector('indonesian', d.title), 'A')"
            " || setweight(to_tsvector('indonesian', d.about), 'B')"
            " || setweight(to_tsvector('indonesian', d.abstract), 'C')"
            " || setweight(to_tsvector('indonesian', f.extracted_text), 'D')"
            " FROM pustaka_documentfile f WHERE f.document_id = d.id"
        )
    year = timezone.localdate().year + 1
    generate_usulan(TEMPLATE, year=year)
    generate_complaints(TEMPLATE, reporter=authors[1])
    experts = generate_consultations(citizen=authors[0], count=READER_CONSULTATIONS)
    staff = User.objects.create_user("benchstaf", password=None, display_name="Staf Uji", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="select_participants"))
    handler = User.objects.create_user("benchpengaduan", password=None, display_name="Petugas Pengaduan Uji")
    RoleAssignment.objects.create(user=handler, role=Role.COMPLAINT_HANDLER)
    sample = Usulan.objects.filter(cycle__year=year, stage="forum_pd").select_related("kecamatan", "field").first()

    def session_of(user) -> str:
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value

    big_topic = topics[len(topics) // 2]
    return {
        "first_copy_user": User.objects.order_by("-pk").values_list("pk", flat=True).first() + 1,
        "topics": len(topics),
        "plan": {
            "reader": session_of(authors[0]),
            "expert": session_of(experts[0].user),
            "staff": session_of(staff),
            "handler": session_of(handler),
            "topic": big_topic.get_absolute_url(),
            "usulan_filtered": (
                f"/musrenbang/?tahun={year}&kecamatan={sample.kecamatan_id}&tahap=forum_pd&bidang={sample.field.slug}"
            ),
            "usulan_year": year,
        },
    }


# --- Copies, inside PostgreSQL


def columns(cursor, table: str) -> list[str]:
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = %s"
        " AND is_generated = 'NEVER' ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


def copy_rows(cursor, table: str, *, copies: int, overrides: dict[str, str], where: str = "TRUE") -> None:
    """INSERT every template row of `table` (those matching `where`) `copies` times; `k` (1 … copies) numbers
    the copy, `s` is the template row; a column not in `overrides` keeps the template's value. An id not
    overridden comes from the table's sequence."""
    if copies < 1:
        return
    names = [c for c in columns(cursor, table) if c != "id" or "id" in overrides]
    values = ", ".join(overrides.get(c, f's."{c}"') for c in names)
    quoted = ", ".join(f'"{c}"' for c in names)
    cursor.execute(
        f"INSERT INTO {table} ({quoted}) SELECT {values} FROM {table} s"  # noqa: S608
        f" CROSS JOIN generate_series(1, {int(copies)}) k WHERE {where}"
    )


def copy_users(cursor, factor: int, templates: dict) -> None:
    count = USERS * factor - templates["first_copy_user"] + 1
    first = templates["first_copy_user"]
    cursor.execute("SELECT id, kecamatan_id FROM wilayah_desa ORDER BY id")
    desa = cursor.fetchall()
    desa_ids = "ARRAY[" + ",".join(str(d) for d, _k in desa) + "]::bigint[]"
    kecamatan_ids = "ARRAY[" + ",".join(str(k) for _d, k in desa) + "]::bigint[]"
    copy_rows(
        cursor,
        "accounts_user",
        copies=count,
        where="s.username = 'bench2'",
        overrides={
            "id": f"{first - 1} + k",
            "username": f"'warga' || ({first - 1} + k)",
            "display_name": f"'Warga ' || ({first - 1} + k)",
            # registered over the last two years, evenly; every third says nothing about themselves
            "date_joined": f"now() - interval '730 days' * (1 - k::float / {count})",
            "gender": "(ARRAY['perempuan', 'laki_laki', ''])[1 + k % 3]",
            "age_group": "(ARRAY['di_bawah_18', '18_29', '30_44', '45_59', '60_ke_atas', ''])[1 + k % 6]",
            "disability": "(ARRAY['ya', 'tidak', 'tidak', 'tidak', ''])[1 + k % 5]",
            "kecamatan_id": f"CASE WHEN k % 4 = 0 THEN NULL ELSE ({kecamatan_ids})[1 + k % {len(desa)}] END",
            "desa_id": f"CASE WHEN k % 4 = 0 THEN NULL ELSE ({desa_ids})[1 + k % {len(desa)}] END",
        },
    )


def copy_replies(cursor, factor: int, templates: dict) -> None:
    """Topic k (2 … T) gets the template tree of topic 1 with ids k·10⁶ + id: parent, root and every 10-digit
    path segment shift the same way (a segment's first four digits are its copy number). Authors are spread
    over every copied user; each topic's discussion lies in its own four weeks of the last two years."""
    topics = templates["topics"]
    users = USERS * factor - templates["first_copy_user"] + 1
    first = templates["first_copy_user"]
    copy_rows(
        cursor,
        "rpjpd_reply",
        copies=topics - 1,
        overrides={
            "id": f"s.id + k * {ID_STRIDE}",
            "topic_id": "1 + k",
            "parent_id": f"s.parent_id + k * {ID_STRIDE}",
            "root_id": f"s.root_id + k * {ID_STRIDE}",
            "path": r"regexp_replace(s.path, '\d{4}(\d{6})', lpad(k::text, 4, '0') || '\1', 'g')",
            "author_id": f"{first} + ((s.id + k * {ID_STRIDE}) * 48271) % {users}",
            "created_at": f"s.created_at - interval '700 days' * (1 - k::float / {topics})",
        },
    )


def copy_documents(cursor, factor: int) -> None:
    copies = DOCUMENTS * factor // TEMPLATE - 1
    shift = f"interval '1 day' * ((s.id + k * {TEMPLATE}) % 3650)"
    copy_rows(
        cursor,
        "pustaka_document",
        copies=copies,
        where=f"s.id <= {TEMPLATE}",
        overrides={"id": f"s.id + k * {TEMPLATE}", "created_at": f"now() - {shift}", "updated_at": f"now() - {shift}"},
    )
    copy_rows(
        cursor,
        "pustaka_documentfile",
        copies=copies,
        where=f"s.id <= {TEMPLATE}",
        overrides={
            "id": f"s.id + k * {TEMPLATE}",
            "document_id": f"s.document_id + k * {TEMPLATE}",
            "file": f"'pustaka/skala/' || (s.id + k * {TEMPLATE}) || '.pdf'",
        },
    )


def copy_usulan(cursor, factor: int, templates: dict) -> None:
    copies = USULAN * factor // TEMPLATE - 1
    copy_rows(
        cursor,
        "musrenbang_usulan",
        copies=copies,
        where=f"s.id <= {TEMPLATE}",
        overrides={
            "id": f"s.id + k * {TEMPLATE}",
            "sequence": f"s.sequence + k * {TEMPLATE}",
            "code": f"split_part(s.code, '-', 1) || '-' || split_part(s.code, '-', 2) || '-' || lpad((s.sequence +"
            f" k * {TEMPLATE})::text, 7, '0')",
            "title": f"'Perbaikan jalan lingkungan nomor ' || (s.sequence + k * {TEMPLATE})",
            "created_at": "s.created_at - interval '3 minutes' * k",
            "updated_at": "s.updated_at - interval '3 minutes' * k",
        },
    )
    cursor.execute("UPDATE musrenbang_cycle SET last_sequence = (SELECT max(sequence) FROM musrenbang_usulan)")
    copy_rows(
        cursor,
        "musrenbang_usulanstatuschange",
        copies=copies,
        where=f"s.record_id <= {TEMPLATE}",
        overrides={"record_id": f"s.record_id + k * {TEMPLATE}", "at": "s.at - interval '3 minutes' * k"},
    )


CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def copy_complaints(cursor, factor: int) -> None:
    """Codes: the copy's number scrambled by an odd multiplier modulo 2⁴⁰ (a bijection, so no two are equal),
    written as 8 characters of the codes' own alphabet; a template code has letters the copies cannot make
    (8 characters exactly, so a copy never equals one)."""
    copies = COMPLAINTS * factor // TEMPLATE - 1
    number = f"(((s.id + k * {TEMPLATE}) * 1103515245) % 1099511627776)"
    code = (
        f"'ADU-' || (SELECT string_agg(substr('{CODE_ALPHABET}', (({number} >> (5 * i)) & 31)::int + 1, 1), ''"  # noqa: S608
        " ORDER BY i DESC) FROM generate_series(0, 7) i)"
    )
    cursor.execute("UPDATE pengaduan_complaint SET code = 'ADU-' || lpad(id::text, 8, 'Z')")  # never a copy's
    copy_rows(
        cursor,
        "pengaduan_complaint",
        copies=copies,
        where=f"s.id <= {TEMPLATE}",
        overrides={
            "id": f"s.id + k * {TEMPLATE}",
            "code": code,
            "title": f"'Jalan rusak nomor ' || (s.id + k * {TEMPLATE})",
            **{
                column: f"s.{column} - interval '1 second' * k"
                for column in ("created_at", "received_at", "verified_at", "initial_met_at")
            },
        },
    )


def copy_consultations(cursor, factor: int, templates: dict) -> None:
    """The reader's 200 consultations, copied to other citizens until there are CONSULTATIONS × factor."""
    copies = CONSULTATIONS * factor // READER_CONSULTATIONS - 1
    users = USERS * factor - templates["first_copy_user"] + 1
    first = templates["first_copy_user"]
    cursor.execute("SELECT max(id) FROM konsultasi_consultation")
    stride = cursor.fetchone()[0]
    copy_rows(
        cursor,
        "konsultasi_consultation",
        copies=copies,
        overrides={
            "id": f"s.id + k * {stride}",
            "citizen_id": f"{first} + ((s.id + k * {stride}) * 16807) % {users}",
            **{
                column: f"s.{column} - interval '1 hour' * (k % 2000)"
                for column in ("created_at", "last_message_at", "first_answer_at")
            },
        },
    )
    copy_rows(
        cursor,
        "konsultasi_message",
        copies=copies,
        overrides={
            "consultation_id": f"s.consultation_id + k * {stride}",
            "author_id": f"{first} + ((s.consultation_id + k * {stride}) * 16807) % {users}",
            "created_at": "s.created_at - interval '1 hour' * (k % 2000)",
        },
    )


def drop_indexes(cursor, table: str) -> list[str]:
    """Drop the indexes that back no constraint (rebuilt after the load, faster than kept up row by row)."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' AND i.tablename = %s"
        " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)",
        [table],
    )
    rows = cursor.fetchall()
    for name, _definition in rows:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in rows]


def finish(cursor) -> None:
    cursor.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"
        " AND column_name = 'id' AND (is_identity = 'YES' OR column_default LIKE 'nextval%')"
    )
    for table, column in cursor.fetchall():
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), coalesce(max({column}), 0) + 1, false)"  # noqa: S608
            f" FROM {table}"
        )
    cursor.execute("ANALYZE")


def sizes(factor: int) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        total = cursor.fetchone()[0]
        cursor.execute(
            "SELECT relname, n_live_tup, pg_total_relation_size(relid) FROM pg_stat_user_tables"
            " ORDER BY pg_total_relation_size(relid) DESC LIMIT 10"
        )
        print(f"  database {total / 2**20:,.0f} MiB at {factor}×; largest tables:")
        for name, rows, size in cursor.fetchall():
            print(f"    {name:<36} {rows:>12,} rows {size / 2**20:>10,.0f} MiB")


if __name__ == "__main__":
    main()
