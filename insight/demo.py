"""Believable activity for the staff dashboard in `manage.py seed_demo`: a year of registrations, replies,
consultations, downloads and unfound searches, spread unevenly over the region as real participation is
(three remote kecamatan stay empty so the dashboard shows them). Idempotent; written in bulk."""

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db.models import Sum
from django.utils import timezone

from accounts.demo_names import pick_name
from accounts.models import AgeGroup, Disability, Gender, User
from konsultasi.models import Consultation, Expert, Message
from pustaka.models import Document, DownloadTally, UnfoundSearch
from pustaka.search import downloads_changed
from rpjpd.demo import TOPIC_BY_SLUG, reply_body
from rpjpd.models import PATH_SEGMENT, Reply, Topic
from wilayah.models import Kecamatan

PREFIX = "warga.contoh."
PEOPLE = 180
# How likely a participant comes from each kecamatan: near the capital and the coast more, far upriver less.
KECAMATAN_WEIGHTS = {
    "Tenggarong": 30,
    "Tenggarong Seberang": 14,
    "Loa Janan": 12,
    "Loa Kulu": 9,
    "Samboja": 10,
    "Muara Badak": 8,
    "Anggana": 7,
    "Sanga Sanga": 5,
    "Muara Jawa": 6,
    "Sebulu": 5,
    "Kota Bangun": 5,
    "Marang Kayu": 3,
    "Muara Kaman": 3,
    "Samboja Barat": 3,
    "Kota Bangun Darat": 2,
    "Muara Muntai": 2,
    "Kenohan": 1,
    # Tabang, Kembang Janggut and Muara Wis: nobody yet — what the dashboard should make staff notice.
}
# How much more a topic draws than the quietest: floods and jobs touch most households.
TOPIC_WEIGHTS = {
    "banjir-di-sepanjang-sungai-mahakam": 5,
    "ekonomi-sesudah-batu-bara": 4,
    "satu-kata-untuk-daerah-kita-pada-2045": 3,
    "pangan-dari-sawah-dan-kebun-kita": 3,
    "air-bersih-listrik-dan-jalan-sampai-ke-desa": 3,
    "ukuran-keberhasilan-layanan-kesehatan-desa": 2,
    "sekolah-dan-keterampilan-anak-muda": 2,
    "lubang-bekas-tambang-dan-hutan-yang-tersisa": 2,
}
# What citizens ask each demo expert (their fields, see konsultasi/demo.py): subject, question, first answer.
CONSULTATIONS = {
    "pakar.demo": [
        (
            "Usulan kampung kami tidak pernah lolos Musrenbang",
            "Selamat siang Bu. Tiga tahun berturut-turut usulan jembatan kampung kami ditulis di Musrenbang desa, "
            "tetapi tidak pernah sampai ke kabupaten. Bagaimana cara mengawalnya?",
            "Terima kasih, Pak/Bu. Mintalah berita acara Musrenbang desa dan kecamatan, lalu cek apakah usulan "
            "tercantum dengan lokasi dan perkiraan biaya. Usulan yang lengkap datanya jauh lebih mudah dipilih. "
            "Ajak juga anggota DPRD dapil Anda saat reses.",
        ),
        (
            "Cara membaca APBDes",
            "Bu, saya anggota BPD baru. Dokumen APBDes desa kami tebal sekali. Bagian mana yang harus saya periksa "
            "lebih dulu?",
            "Mulailah dari belanja per bidang dan bandingkan dengan RKPDes: apakah kegiatan yang disepakati "
            "benar-benar dianggarkan? Lalu lihat realisasi tahun lalu. Selisih yang besar patut ditanyakan dalam "
            "rapat BPD.",
        ),
        (
            "Peluang usaha setelah tambang tutup",
            "Perusahaan tambang di dekat kampung kami akan berhenti dua tahun lagi. Usaha apa yang realistis untuk "
            "warga yang selama ini bekerja di sana?",
            "Yang paling cepat biasanya usaha yang sudah punya pembeli: jasa angkutan, bengkel, katering dan "
            "pengolahan hasil kebun. Kumpulkan dulu keterampilan warga yang ada, lalu ajukan pelatihan ke dinas "
            "tenaga kerja sebelum tambang tutup.",
        ),
    ],
    "pakar.tani": [
        (
            "Pertanyaan tentang irigasi sawah",
            "Pak, saluran irigasi sawah kami di Tenggarong Seberang sering kering saat musim tanam kedua. Apa yang "
            "bisa kami lakukan sebagai kelompok tani?",
            "Periksa dulu pintu air dan saluran tersier yang bocor; sering kali air hilang di sana. Bentuk jadwal "
            "gilir air yang disepakati P3A, dan usulkan perbaikan saluran lewat Musrenbang desa.",
        ),
        (
            "Harga pupuk dan bibit",
            "Pupuk bersubsidi di kios kami selalu habis. Apakah ada cara lain supaya biaya tanam tidak terlalu tinggi?",
            "Pastikan kelompok Anda terdaftar di e-RDKK, karena kuota kios mengikuti daftar itu. Sementara itu, "
            "pupuk organik dari kotoran ternak dan sisa panen bisa mengurangi kebutuhan pupuk kimia hingga "
            "sepertiga.",
        ),
        (
            "Usaha perikanan keramba",
            "Kami ingin membuat keramba ikan nila di anak sungai dekat rumah. Apa yang perlu diperhatikan?",
            "Pilih lokasi dengan arus sedang dan jauh dari buangan limbah. Mulailah dengan sedikit keramba, catat "
            "pakan dan hasilnya, dan tanyakan bantuan benih ke dinas perikanan.",
        ),
    ],
    "pakar.kota": [
        (
            "Banjir di kampung kami",
            "Pak, setiap Januari rumah kami di tepian Mahakam terendam hampir dua minggu. Apa yang bisa diusulkan "
            "warga supaya kerugiannya berkurang?",
            "Untuk jangka pendek: sistem peringatan dini di tingkat RT dan tempat mengungsi yang disiapkan sebelum "
            "musim hujan. Untuk jangka panjang, usulkan agar bangunan baru di tepian sungai wajib berbentuk "
            "panggung dan saluran kampung dibersihkan rutin.",
        ),
        (
            "Jalan kampung putus saat hujan",
            "Jalan ke kampung kami berupa tanah liat dan putus setiap hujan deras. Jenis jalan apa yang cocok "
            "dengan anggaran terbatas?",
            "Untuk lalu lintas ringan, rabat beton dengan saluran samping yang baik biasanya paling awet untuk "
            "biayanya. Kerusakan paling sering datang dari air yang menggenang, jadi saluran samping sama pentingnya "
            "dengan lapisan jalannya.",
        ),
        (
            "Reklamasi bekas tambang",
            "Ada lubang bekas tambang 300 meter dari sekolah anak kami. Ke mana kami harus melapor?",
            "Laporkan ke dinas lingkungan hidup dan inspektur tambang provinsi, dengan foto dan titik lokasinya. "
            "Minta juga pemerintah desa memasang pagar dan papan larangan sementara; keselamatan anak-anak tidak "
            "boleh menunggu.",
        ),
    ],
}
UNFOUND_TERMS = {
    "peta rawan banjir kecamatan": 34,
    "dana desa 2025": 27,
    "perbup beasiswa kuliah": 22,
    "jadwal musrenbang": 19,
    "rencana tata ruang desa": 15,
    "data stunting per desa": 12,
    "lubang tambang reklamasi": 9,
    "tarif air pdam": 7,
    "izin usaha perikanan": 5,
    "bantuan bibit lada": 4,
    "kalender tanam": 3,
}


def seed() -> None:
    if User.objects.filter(username__startswith=PREFIX).exists():
        return
    rng = random.Random(2045)  # noqa: S311 — demo data, not security
    now = timezone.now()
    people = _people(rng, now)
    _replies(rng, now, people)
    _consultations(rng, now, people)
    _downloads(rng, now)
    _unfound_searches(rng, now)


def _people(rng: random.Random, now) -> list[User]:
    kecamatan = {k.name: k for k in Kecamatan.objects.all()}
    names, weights = zip(*((n, w) for n, w in KECAMATAN_WEIGHTS.items() if n in kecamatan), strict=True)
    password = make_password(None)  # no one signs in as these people
    people, taken = [], set()
    for index in range(1, PEOPLE + 1):
        # Registrations grow towards the present, as the portal becomes known.
        days_ago = int(400 * (1 - rng.random() ** 0.6))
        gender = rng.choices([Gender.FEMALE, Gender.MALE, ""], [44, 46, 10])[0]
        age = rng.choices([*AgeGroup.values, ""], [4, 30, 30, 18, 6, 12])[0]
        disability = rng.choices([Disability.YES, Disability.NO, ""], [4, 66, 30])[0]
        # Someone from every kecamatan with a weight, the rest drawn by weight (one in twenty leaves it empty).
        if index <= len(names):
            home = names[index - 1]
            days_ago = max(days_ago, 70)  # and early enough to count in the dashboard's closed months
        else:
            home = rng.choices(names, weights)[0] if rng.random() > 0.05 else None
        people.append(
            User(
                username=f"{PREFIX}{index:03d}",
                password=password,
                display_name=pick_name(rng, gender, taken=taken),
                kecamatan=kecamatan[home] if home else None,
                gender=gender,
                age_group=age,
                disability=disability,
                date_joined=now - timedelta(days=days_ago, minutes=rng.randrange(1440)),
                notify_replies=False,
            )
        )
    return User.objects.bulk_create(people)


def _replies(rng: random.Random, now, people: list[User]) -> None:
    # Only the demo's own topics, each with its own pool of replies; the busier the topic, the more replies.
    topics = list(Topic.objects.published().filter(slug__in=TOPIC_BY_SLUG))
    weights = [TOPIC_WEIGHTS.get(topic.slug, 1) for topic in topics]
    writers = [p for p in people if rng.random() < 0.7]
    # Someone from every kecamatan with a registered citizen writes, so only the three meant to be empty show
    # empty on the dashboard.
    first_of: dict[int | None, User] = {}
    for person in people:
        first_of.setdefault(person.kecamatan_id, person)
    writers += [person for person in first_of.values() if person not in writers]
    drafts = []
    guaranteed = list(first_of.values())
    for index, author in enumerate([*guaranteed, *(rng.choice(writers) for _ in range(650 - len(guaranteed)))]):
        since = max((now - author.date_joined).total_seconds(), 3600)
        if index < len(guaranteed):
            since = min(since, 7 * 86400)  # their first week, so it falls in a month the dashboard has closed
        created_at = author.date_joined + timedelta(seconds=rng.uniform(0, since))
        drafts.append((created_at, author, rng.choices(topics, weights)[0]))
    drafts.sort(key=lambda draft: draft[0])
    replies = Reply.objects.bulk_create(
        Reply(
            topic=topic,
            author=author,
            body=reply_body(rng, TOPIC_BY_SLUG[topic.slug]),
            created_at=created_at,
            path="",
        )
        for created_at, author, topic in drafts
    )
    by_topic: dict[int, list[Reply]] = {}
    for reply in replies:
        earlier = by_topic.setdefault(reply.topic_id, [])
        own = f"{reply.pk:0{PATH_SEGMENT}d}"
        if not earlier or rng.random() < 0.45:
            reply.parent, reply.root_id, reply.path, reply.depth = None, reply.pk, own, 0
        else:
            parent = rng.choice(earlier[-30:])
            reply.parent, reply.root_id = parent, parent.root_id
            reply.path, reply.depth = parent.path + own, parent.depth + 1
        earlier.append(reply)
    Reply.objects.bulk_update(replies, ["parent", "root", "path", "depth"], batch_size=500)
    Topic.objects.filter(pk__in=by_topic).mark_replies_changed()  # bulk writes send no signals (rpjpd.signals)


def _consultations(rng: random.Random, now, people: list[User]) -> None:
    experts = list(Expert.objects.select_related("user").filter(user__username__in=CONSULTATIONS))
    consultations, cases, first_messages = [], [], []
    for _ in range(48):
        citizen = rng.choice(people)
        expert = rng.choice(experts)
        case = rng.choice(CONSULTATIONS[expert.user.username])
        opened = now - timedelta(days=rng.uniform(0, 330), hours=rng.uniform(0, 24))
        if opened < citizen.date_joined:
            opened = citizen.date_joined + timedelta(hours=rng.uniform(1, 48))
        if opened > now:
            continue
        wait = timedelta(hours=rng.choice([2, 5, 9, 20, 30, 50, 70, 100, 150]) * rng.uniform(0.7, 1.3))
        answered = opened + wait if opened + wait < now and rng.random() < 0.9 else None
        closed = answered is not None and rng.random() < 0.6
        cases.append(case)
        consultations.append(
            Consultation(
                citizen=citizen,
                expert=expert,
                subject=case[0],
                status=Consultation.Status.CLOSED
                if closed
                else (Consultation.Status.ANSWERED if answered else Consultation.Status.WAITING),
                created_at=opened,
                last_message_at=answered or opened,
                last_author_role=Consultation.Role.EXPERT if answered else Consultation.Role.CITIZEN,
                first_answer_at=answered,
                closed_at=answered + timedelta(days=1) if closed else None,
                rating=rng.choices([5, 4, 3, 2], [50, 32, 13, 5])[0] if closed else None,
            )
        )
    for consultation, (_subject, question, answer) in zip(
        Consultation.objects.bulk_create(consultations), cases, strict=True
    ):
        first_messages.append(
            Message(
                consultation=consultation,
                author=consultation.citizen,
                body=question,
                created_at=consultation.created_at,
            )
        )
        if consultation.first_answer_at:
            first_messages.append(
                Message(
                    consultation=consultation,
                    author=consultation.expert.user,
                    body=answer,
                    created_at=consultation.first_answer_at,
                )
            )
    Message.objects.bulk_create(first_messages)


def _downloads(rng: random.Random, now) -> None:
    documents = list(Document.objects.published().order_by("pk"))
    today = timezone.localtime(now).date()
    tallies = []
    for rank, document in enumerate(documents):
        popularity = 6 / (rank + 1.5)
        for days_ago in range(300):
            if rng.random() < popularity * 0.35:
                count = 1 + int(rng.random() * popularity * 3)
                tallies.append(DownloadTally(document=document, day=today - timedelta(days=days_ago), count=count))
    DownloadTally.objects.bulk_create(tallies, ignore_conflicts=True)
    for document in documents:
        total = document.download_tallies.aggregate(n=Sum("count"))["n"] or 0
        Document.objects.filter(pk=document.pk).update(download_count=total)
    downloads_changed()  # the counts the library's search pages keep (pustaka.search.page_documents)


def _unfound_searches(rng: random.Random, now) -> None:
    today = timezone.localtime(now).date()
    rows = {}
    for term, times in UNFOUND_TERMS.items():
        for _ in range(times):
            day = today - timedelta(days=int(rng.random() ** 1.5 * 200))
            rows[(term, day)] = rows.get((term, day), 0) + 1
    UnfoundSearch.objects.bulk_create(
        UnfoundSearch(term=term, day=day, count=count) for (term, day), count in rows.items()
    )
