"""Demo fields of expertise and one answered consultation for `manage.py seed_demo` (idempotent)."""

from django.utils.text import slugify

from konsultasi import services
from konsultasi.models import Consultation, Expert, Field

FIELDS = {
    "pakar.demo": ["Tata Kelola Pemerintahan", "Ekonomi Daerah"],
    "pakar.tani": ["Pertanian dan Pangan", "Ekonomi Daerah"],
    "pakar.kota": ["Tata Ruang dan Transportasi", "Lingkungan dan Kebencanaan"],
}


def seed(*, citizen) -> None:
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
