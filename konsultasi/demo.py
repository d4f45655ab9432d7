"""Demo experts, their fields of expertise and one answered consultation for `manage.py seed_demo`
(idempotent)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from accounts.demo import seed_user
from accounts.models import User
from konsultasi import services
from konsultasi.models import Consultation, Expert, Field, Message

# username, name with titles, institution
EXPERTS = [
    ("pakar.demo", "Dr. Ir. Rahmawati Said, M.Si.", "Universitas Mulawarman"),
    ("pakar.tani", "Prof. Dr. Hendra Kusuma, S.P., M.P.", "Universitas Kutai Kartanegara"),
    ("pakar.kota", "Andi Pratama, S.T., M.T., Ph.D.", "Institut Teknologi Kalimantan"),
]
EXPERT_BIOS = {
    "pakar.demo": "Peneliti kebijakan publik dan tata kelola pemerintahan daerah; 15 tahun mendampingi penyusunan "
    "dokumen perencanaan di Kalimantan Timur.",
    "pakar.tani": "Guru besar agribisnis; meneliti ketahanan pangan, perkebunan rakyat dan irigasi desa.",
    "pakar.kota": "Perencana wilayah dan kota; fokus pada transportasi, permukiman tepian sungai dan mitigasi banjir.",
}

FIELDS = {
    "pakar.demo": ["Tata Kelola Pemerintahan", "Ekonomi Daerah"],
    "pakar.tani": ["Pertanian dan Pangan", "Ekonomi Daerah"],
    "pakar.kota": ["Tata Ruang dan Transportasi", "Lingkungan dan Kebencanaan"],
}


def seed_experts(*, kecamatan: str) -> list[Expert]:
    """The demo experts' accounts and public profiles."""
    experts = []
    for username, full_name, institution in EXPERTS:
        user = seed_user(username, display_name=full_name, email=f"{username}@example.org", kecamatan=kecamatan)
        expert, _created = Expert.objects.update_or_create(
            user=user, defaults={"full_name": full_name, "institution": institution, "bio": EXPERT_BIOS[username]}
        )
        experts.append(expert)
    return experts


def seed(*, citizen) -> None:
    """Fields of expertise for the demo experts (seed_experts first) and one answered consultation."""
    for username, names in FIELDS.items():
        fields = [Field.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0] for name in names]
        Expert.objects.get(user__username=username).fields.set(fields)
    if Consultation.objects.exists():
        return
    expert = Expert.objects.get(user__username="pakar.tani")
    consultation = services.consultation_open(
        citizen=citizen,
        expert=expert,
        subject="Kebun lada kami sering busuk pangkal batang",
        body="Pak, kebun lada keluarga kami di Tenggarong Seberang banyak yang layu lalu mati setelah musim hujan. "
        "Apa penyebabnya dan bagaimana mencegahnya?",
    )
    services.message_post(
        consultation=consultation,
        author=expert.user,
        body="Gejala itu umumnya penyakit busuk pangkal batang karena jamur yang suka tanah tergenang. "
        "Perbaiki saluran air di kebun, buang dan bakar tanaman yang sakit, dan tanyakan bibit tahan penyakit "
        "ke penyuluh pertanian kecamatan.",
    )


def generate_consultations(*, citizen, count: int) -> list[Expert]:
    """For benchmarks: three test experts and `count` consultations of one citizen with them, one every five
    hours back from now, three in four answered (each with the citizen's opening message)."""
    experts = []
    for n in range(3):
        user = User.objects.create_user(f"benchpakar{n}", password=None, display_name=f"Pakar Uji {n}")
        experts.append(Expert.objects.create(user=user, full_name=f"Dr. Pakar Uji {n}", institution="Universitas Uji"))
    now = timezone.now()
    consultations = Consultation.objects.bulk_create(
        Consultation(
            citizen=citizen,
            expert=experts[n % 3],
            subject=f"Pertanyaan nomor {n}",
            created_at=now - timedelta(hours=n * 5),
            last_message_at=now - timedelta(hours=n * 5 - 2),
            first_answer_at=now - timedelta(hours=n * 5 - 2) if n % 4 else None,
            status=Consultation.Status.ANSWERED if n % 4 else Consultation.Status.WAITING,
        )
        for n in range(count)
    )
    Message.objects.bulk_create(
        Message(consultation=c, author=citizen, body="Bagaimana pendapat Bapak/Ibu?", created_at=c.created_at)
        for c in consultations
    )
    return experts
