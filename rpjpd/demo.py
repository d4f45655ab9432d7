"""Demo topics and replies for `manage.py seed_demo` (idempotent: a topic whose slug exists is left alone).

Each topic carries its own pool of replies, written for it, and a set of keywords that only its replies use:
the demo never shows a complaint about fertiliser under a topic about floods (tests/rpjpd/test_demo_content.py
holds the pools to that)."""

import random
import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from pustaka.models import Document
from rpjpd import services
from rpjpd.models import PATH_SEGMENT, Reply, Section, Topic


@dataclass(frozen=True)
class DemoTopic:
    section: str
    title: str
    body: str
    keywords: frozenset[str]  # words that mark a reply as belonging here; no other topic's replies use them
    replies: tuple[str, ...]  # the pool the demo citizens' replies are drawn from, one to three at a time
    reading: tuple[str, ...] = ()  # library subjects shown beside the topic as reading material
    conversation: tuple[tuple[int | None, str], ...] = field(default=())  # (parent index, text) by demo accounts

    @property
    def slug(self) -> str:
        return slugify(self.title)[:60]


def keyword_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


TOPICS = [
    DemoTopic(
        section="kata-kunci-visi",
        title="Satu kata untuk daerah kita pada 2045",
        body="Visi RPJPD merangkum ke mana daerah kita menuju dalam dua puluh tahun. Bappeda ingin mendengar **kata "
        "kunci** yang menurut Anda paling penting: *maju*, *sejahtera*, *berkelanjutan*, *berbudaya*, atau "
        "yang lain.\n\nTuliskan satu atau dua kata, dan ceritakan mengapa kata itu penting bagi keluarga dan "
        "kampung Anda.",
        keywords=keyword_set(
            "kata visi mandiri lestari berbudaya sejahtera berdaya bermartabat tangguh berkeadilan religius maju"
        ),
        replies=(
            "Usul saya: lestari. Alam Kutai adalah kekayaan yang tidak bisa dibeli kembali kalau sudah rusak.",
            "Berbudaya. Erau, bahasa Kutai dan tari Jepen jangan hanya tampil saat festival, tetapi hidup di rumah "
            "dan kampung.",
            "Saya pilih kata sejahtera, tetapi sejahtera yang merata sampai kampung paling hulu, bukan hanya di "
            "Tenggarong.",
            "Visi yang baik itu pendek dan mudah diingat warga. Cukup tiga kata: maju, lestari, berbudaya.",
            "Kata kunci saya: berkeadilan. Pembangunan harus terasa juga oleh perempuan, penyandang disabilitas dan "
            "warga di pedalaman.",
            "Tangguh. Kita sering diuji musibah dan naik turunnya harga komoditas, jadi daerah ini harus cepat "
            "bangkit setiap kali jatuh.",
            "Menurut saya kata religius perlu masuk visi, karena kehidupan beragama yang rukun adalah kekuatan "
            "warga Kukar.",
            "Berdaya. Warga jangan hanya jadi penonton; kami ingin ikut memutuskan dan ikut mengawasi.",
            "Saya kurang setuju dengan kata maju saja, terlalu umum. Maju dalam hal apa? Lebih baik visi menyebut "
            "manusia yang sehat dan terdidik.",
            "Bermartabat. Kita punya sejarah kerajaan tertua di Nusantara; visi ini sebaiknya membuat anak muda "
            "bangga menjadi orang Kukar.",
            "Kata saya: terbuka. Pemerintah yang terbuka soal anggaran membuat warga percaya dan mau ikut membangun.",
            "Setuju dengan kata mandiri, asal jelas ukurannya: berapa bagian pendapatan daerah yang tidak lagi "
            "berasal dari sumber daya alam.",
            "Lestari dan sejahtera harus berjalan bersama. Jangan sampai kita kaya sebentar lalu mewariskan alam "
            "yang rusak.",
            "Dari kami di Muara Muntai: kata yang kami harapkan adalah terhubung, karena kampung kami masih "
            "terpisah oleh air dan jarak.",
            "Untuk visi saya usul Kukar berdaya saing. Hasil karya warga harus bisa bersaing sampai ke luar "
            "Kalimantan.",
            "Mandiri dan bermartabat: dua kata itu sudah cukup menggambarkan harapan orang tua kami untuk cucu-"
            "cucunya.",
        ),
        reading=("RPJPD",),
        conversation=(
            (
                None,
                "Kata saya: mandiri. Selama ini kita terlalu bergantung pada sumber daya alam; anak cucu harus bisa "
                "hidup dari kekuatan sendiri.",
            ),
            (
                0,
                "Setuju soal mandiri, tetapi kata itu perlu ukuran yang jelas. Lihat juga catatan diskusi kami: "
                "https://example.org/visi-2045",
            ),
            (1, "Ukurannya bisa sederhana: berapa keluarga yang penghasilannya sudah mandiri dari satu sumber saja."),
            (None, "Usul saya: lestari. Sungai dan danau kita adalah kekayaan utama, jangan rusak demi hasil sesaat."),
        ),
    ),
    DemoTopic(
        section="isu-strategis-daerah",
        title="Ekonomi sesudah batu bara",
        body="Sebagian besar pendapatan daerah masih bergantung pada batu bara dan minyak bumi. Cadangan itu akan "
        "berkurang, dan permintaan dunia berubah.\n\n## Pertanyaan untuk Anda\n\n1. Usaha apa di kampung Anda "
        "yang bisa tumbuh menggantikannya?\n2. Apa yang menghambat: jalan, modal, pelatihan, atau pasar?",
        keywords=keyword_set(
            "batu bara ekonomi usaha umkm modal koperasi pasar pemasaran hilirisasi industri wirausaha investor "
            "pengangguran kredit"
        ),
        replies=(
            "Kampung kami di Loa Kulu bisa hidup dari kerajinan rotan dan anyaman, asal ada koperasi yang membeli "
            "dengan harga pantas.",
            "Modal bukan masalah utama. Yang sulit adalah pemasaran: produk UMKM kami berhenti di pameran, tidak "
            "sampai ke toko di Samarinda dan Balikpapan.",
            "Wisata sungai di Kota Bangun dan Danau Semayang bisa jadi usaha besar kalau dermaga dan homestay "
            "dibenahi.",
            "Begitu tambang batu bara tutup, ribuan orang kehilangan pekerjaan. Pelatihan ulang harus dimulai "
            "sebelum itu terjadi, bukan sesudahnya.",
            "Ibu-ibu di kampung kami membuat amplang dan kerupuk ikan. Mereka butuh izin PIRT yang cepat dan "
            "kemasan yang bagus supaya bisa masuk pasar modern.",
            "Hilirisasi sawit dan karet harus terjadi di sini. Selama kita hanya menjual bahan mentah, nilai "
            "tambahnya dinikmati daerah lain.",
            "Dana bagi hasil migas dan batu bara sebaiknya sebagian disimpan sebagai dana abadi untuk generasi "
            "sesudah kita.",
            "Anak muda butuh ruang wirausaha: tempat kerja bersama, pendampingan, dan akses ke pembeli di luar daerah.",
            "Pengangguran di kalangan lulusan muda masih tinggi. Industri pengolahan hasil daerah bisa menyerap "
            "mereka.",
            "Koperasi nelayan di Muara Badak pernah berjalan baik. Hidupkan lagi, dengan pengurus yang diawasi "
            "anggotanya.",
            "Bank daerah perlu kredit usaha dengan bunga ringan dan syarat sederhana bagi warga yang belum punya "
            "agunan.",
            "Jangan ulangi kesalahan lama: investor besar datang, warga lokal hanya jadi buruh. Wajibkan kemitraan "
            "dengan UMKM setempat.",
            "Ekonomi kreatif dari budaya kita, seperti tenun ulap doyo dan ukiran Dayak, bisa dijual ke wisatawan "
            "kalau ada galeri dan promosi.",
            "Saya pedagang kecil di Tenggarong. Kalau tambang sepi, pembeli ikut sepi. Ekonomi kota harus punya "
            "penopang lain.",
            "Pemerintah bisa membantu dengan membeli produk UMKM lokal untuk kebutuhan kantor dan acara resmi.",
            "Bekas lahan tambang yang sudah dipulihkan bisa dipakai untuk usaha peternakan sapi dan kebun buah.",
        ),
        reading=("Ekonomi",),
    ),
    DemoTopic(
        section="isu-strategis-daerah",
        title="Banjir di sepanjang Sungai Mahakam",
        body="Banjir musiman merendam permukiman tepian Sungai Mahakam dan anak-anak sungainya. Ceritakan "
        "pengalaman Anda: kapan banjir datang, berapa lama, dan apa yang paling dirugikan.",
        keywords=keyword_set(
            "banjir drainase tanggul genangan tergenang evakuasi pengungsian peringatan bpbd panggung hanyut "
            "meluap surut pasang posko"
        ),
        replies=(
            "Di Kota Bangun banjir datang hampir setiap tahun antara Desember dan Maret. Air bisa bertahan dua "
            "minggu sebelum surut.",
            "Drainase di Tenggarong tersumbat sampah dan endapan lumpur. Hujan dua jam saja sudah membuat genangan "
            "setinggi lutut.",
            "Tanggul di tepian Mahakam sebaiknya dibangun bersama ruang hijau, jangan sekadar tembok beton yang "
            "menutup pandangan ke sungai.",
            "Kami perlu peringatan dini lewat pengeras suara masjid dan pesan singkat, karena air naik pada malam "
            "hari ketika orang tidur.",
            "Rumah panggung warisan orang tua kami ternyata paling aman. Aturan bangunan di tepian sungai "
            "sebaiknya mewajibkan model panggung.",
            "Waktu banjir 2023, perahu evakuasi datang terlambat dua hari. Setiap kampung di tepian Mahakam perlu "
            "punya perahu dan relawan sendiri.",
            "Anak sungai seperti Belayan dan Kedang Kepala cepat meluap. Pengerukan dan perawatan alirannya jangan "
            "dilupakan.",
            "BPBD perlu memasang alat ukur tinggi muka air di hulu, lalu membagikan datanya ke kampung-kampung di "
            "hilir.",
            "Setiap banjir, ternak kami hanyut dan perabot rusak. Perlu bantuan cepat yang tidak berbelit.",
            "Tempat pengungsian di balai desa terlalu sempit dan tidak punya toilet yang layak untuk perempuan dan "
            "lansia.",
            "Permukiman baru jangan dibangun di dataran banjir. Izin perumahan harus melihat catatan genangan "
            "sepuluh tahun terakhir.",
            "Banjir di Samboja datang bersama lumpur dari bukit yang sudah gundul. Penyebabnya di hulu, bukan "
            "hanya curah hujan.",
            "Saat air pasang bersamaan dengan hujan deras, air Mahakam tidak bisa mengalir ke laut dan kampung "
            "kami di Anggana tergenang.",
            "Posko banjir sebaiknya dibuka sebelum musim hujan, bukan sesudah air masuk rumah.",
            "Akses ke kampung kami terputus setiap banjir, sehingga bantuan hanya bisa datang lewat perahu.",
            "Kami usul jalur evakuasi yang ditandai jelas dan latihan bersama warga setiap tahun.",
        ),
        reading=("Kebencanaan",),
    ),
    DemoTopic(
        section="isu-strategis-daerah",
        title="Pangan dari sawah dan kebun kita",
        body="Kutai Kartanegara pernah disebut lumbung pangan Kalimantan Timur, tetapi sebagian beras dan sayur "
        "masih didatangkan dari luar. Apa yang perlu berubah agar petani di kampung Anda bisa hidup layak dari "
        "lahannya, dan agar daerah kita cukup pangan pada 2045?",
        keywords=keyword_set(
            "pupuk irigasi sawah panen bibit penyuluh petani gabah padi tanam hama traktor pertanian benih lumbung"
        ),
        replies=(
            "Pupuk bersubsidi sering habis di kios saat musim tanam. Penyalurannya perlu diawasi sampai ke "
            "kelompok tani.",
            "Saluran irigasi di Tenggarong Seberang banyak yang jebol. Sawah kami hanya bisa ditanami sekali setahun.",
            "Penyuluh pertanian hanya datang dua kali setahun. Satu penyuluh mengurus beberapa desa, jelas tidak "
            "cukup.",
            "Harga gabah jatuh setiap panen raya. Perlu gudang dan mesin pengering milik kelompok tani supaya "
            "petani tidak terpaksa menjual murah.",
            "Bibit lada dan kakao unggul sulit didapat di kecamatan. Kami sering membeli bibit dari luar daerah "
            "tanpa jaminan mutu.",
            "Hama tikus dan wereng menyerang sawah kami di Muara Kaman. Pengendaliannya harus serentak satu "
            "hamparan, bukan per petani.",
            "Traktor bantuan pemerintah hanya dipakai kelompok tertentu. Perlu aturan giliran yang adil dan diumumkan.",
            "Anak muda tidak mau jadi petani karena hasilnya tidak pasti. Asuransi panen dan harga dasar gabah "
            "akan mengubah itu.",
            "Lahan pertanian di Loa Janan terus berkurang karena dijual untuk perumahan. Tetapkan sawah abadi yang "
            "dilindungi.",
            "Lumbung pangan kampung bisa jadi cadangan saat paceklik atau kemarau panjang, diisi dari hasil panen "
            "warga sendiri.",
            "Benih padi lokal seperti padi gunung di hulu perlu dijaga, karena tahan dengan kondisi setempat.",
            "Pupuk organik dari kotoran ternak bisa mengurangi ketergantungan pada pupuk kimia yang mahal.",
            "Perkiraan cuaca dan waktu tanam sebaiknya dikirim ke petani lewat pesan singkat.",
            "Petani sawit swadaya butuh pendampingan dan bibit bersertifikat, bukan hanya perusahaan besar.",
            "Akses ke hamparan sawah kami hanya pematang sempit; traktor dan hasil panen sulit keluar masuk.",
            "Cara tanam padi bersama ikan di satu petak cocok untuk lahan rawa di sekitar Kota Bangun.",
        ),
        reading=("Pertanian",),
    ),
    DemoTopic(
        section="isu-strategis-daerah",
        title="Lubang bekas tambang dan hutan yang tersisa",
        body="Ribuan hektare lahan sudah dibuka untuk tambang dan perkebunan. Sebagian lubang bekas tambang masih "
        "terbuka di dekat permukiman, dan hutan tepian sungai terus berkurang. Apa yang harus dipulihkan lebih "
        "dulu, dan siapa yang harus menanggungnya?",
        keywords=keyword_set(
            "reklamasi lubang hutan gambut kebakaran asap pencemaran limbah pohon pesut bekantan mangrove "
            "keanekaragaman"
        ),
        replies=(
            "Lubang bekas tambang di dekat permukiman sudah menelan korban anak-anak. Pagar, papan larangan dan "
            "penjaga harus ada sekarang juga.",
            "Reklamasi sering hanya di atas kertas. Warga perlu bisa melihat laporan reklamasi tiap perusahaan "
            "secara terbuka.",
            "Hutan kota harus dipertahankan. Tanpa pohon, udara di Tenggarong Seberang makin panas dan berdebu.",
            "Kebakaran lahan gambut di musim kemarau membuat asap pekat; anak-anak kami batuk berminggu-minggu.",
            "Pesut Mahakam tinggal sedikit. Lalu lintas tongkang dan pencemaran sungai harus dikendalikan supaya "
            "pesut tidak punah.",
            "Limbah pabrik sawit dibuang ke anak sungai dekat kampung kami; ikan mati dan airnya berbau.",
            "Mangrove di Delta Mahakam banyak dibuka untuk tambak. Perlu penanaman kembali dan pembagian zona yang "
            "jelas.",
            "Lubang tambang yang sudah berisi air bisa dipakai untuk budidaya ikan, asal kualitas airnya diuji "
            "lebih dulu.",
            "Kami masyarakat adat menjaga hutan turun-temurun. Akui wilayah adat kami, maka hutan itu akan tetap ada.",
            "Perusahaan yang tidak menutup lubang bekas galiannya jangan diberi izin baru di mana pun di Kukar.",
            "Bekantan di Kembang Janggut kehilangan tempat tinggal karena hutan tepian sungai ditebang.",
            "Penanaman pohon di bekas tambang harus diawasi sampai tumbuh, bukan hanya difoto saat acara.",
            "Air tanah di kampung kami berubah warna sejak ada galian di atas bukit. Pemeriksaan pencemaran perlu "
            "dilakukan rutin.",
            "Membuka lahan dengan membakar harus dihentikan, tetapi warga perlu dibantu cara lain yang murah "
            "supaya kebakaran tidak terulang.",
            "Keanekaragaman hayati kita, dari anggrek hutan sampai ikan sungai, perlu dicatat sebelum hilang.",
            "Dana jaminan reklamasi harus dibuka ke publik: berapa yang disetor dan berapa yang sudah dipakai.",
        ),
        reading=("Lingkungan",),
    ),
    DemoTopic(
        section="sasaran-pokok",
        title="Ukuran keberhasilan layanan kesehatan desa",
        body="Sasaran pokok harus bisa diukur. Menurut Anda, angka apa yang paling tepat menunjukkan bahwa layanan "
        "kesehatan di desa sudah baik pada 2045: jarak ke puskesmas, jumlah bidan desa, angka stunting, atau "
        "yang lain?",
        keywords=keyword_set(
            "puskesmas pustu bidan stunting posyandu dokter gizi imunisasi ambulans kesehatan perawat rujukan "
            "balita persalinan obat"
        ),
        replies=(
            "Ukuran yang paling jujur: berapa menit waktu tempuh warga ke puskesmas terdekat, terutama di "
            "kecamatan hulu.",
            "Setiap desa harus punya bidan yang tinggal menetap, bukan datang seminggu sekali.",
            "Angka stunting tiap kampung perlu diumumkan setiap tahun supaya warga tahu kampungnya membaik atau tidak.",
            "Posyandu di kampung kami hidup karena kader ibu-ibu. Beri mereka honor yang layak dan pengetahuan gizi "
            "yang terus diperbarui.",
            "Ambulans desa sering tidak ada bahan bakar. Sasaran pokok harus menghitung kesiapan ambulans, bukan "
            "hanya jumlahnya.",
            "Dokter spesialis hanya ada di rumah sakit kabupaten. Warga dari Tabang harus menempuh perjalanan "
            "sehari untuk rujukan.",
            "Persalinan di rumah masih terjadi di kampung terpencil. Ukurannya: berapa persen persalinan ditolong "
            "tenaga kesehatan di fasilitas.",
            "Imunisasi balita di kampung kami turun sejak pandemi. Perlu kunjungan rumah oleh kader dan perawat.",
            "Obat di pustu sering kosong, jadi warga harus ke kota. Ketersediaan obat dasar bisa jadi ukuran "
            "keberhasilan.",
            "Kesehatan jiwa juga perlu diukur. Banyak anak muda di sekitar kami tertekan, tetapi tidak tahu harus "
            "ke mana.",
            "Puskesmas terapung untuk kampung-kampung di danau dan tepian sungai akan sangat membantu kami di Kenohan.",
            "Gizi ibu hamil menentukan stunting. Bantuan makanan tambahan harus tepat sasaran dan diawasi.",
            "Angka kematian ibu dan bayi tetap ukuran terpenting kesehatan daerah; angka lain hanya sarana menuju "
            "ke sana.",
            "Layanan kesehatan bagi penyandang disabilitas masih sulit: puskesmas tanpa jalur landai dan tanpa "
            "juru bahasa isyarat.",
            "Semua warga miskin harus terdaftar jaminan kesehatan; ukur berapa persen yang kepesertaannya aktif.",
            "Konsultasi jarak jauh dari puskesmas ke dokter rumah sakit kabupaten bisa menghemat perjalanan warga "
            "hulu.",
        ),
        reading=("Kesehatan",),
    ),
    DemoTopic(
        section="sasaran-pokok",
        title="Sekolah dan keterampilan anak muda",
        body="Pada 2045 anak yang lahir hari ini sudah dewasa. Ukuran apa yang menunjukkan bahwa pendidikan di "
        "daerah kita berhasil: lama sekolah, lulusan yang bekerja, guru yang cukup di kampung terpencil, atau "
        "yang lain?",
        keywords=keyword_set(
            "sekolah guru siswa murid beasiswa smk kuliah pendidikan pelajar sarjana paud belajar kelas keterampilan"
        ),
        replies=(
            "Guru di sekolah hulu sering pindah setelah dua tahun. Beri tunjangan daerah terpencil yang cukup "
            "supaya mereka betah.",
            "Ukuran yang saya usulkan: rata-rata lama sekolah warga, dipisah per kecamatan.",
            "Banyak anak di Muara Wis harus menyeberang sungai dengan perahu untuk sampai ke sekolah. Perlu asrama "
            "atau perahu sekolah.",
            "SMK sebaiknya membuka jurusan yang dibutuhkan daerah: perikanan, pengolahan hasil kebun, pariwisata "
            "dan energi terbarukan.",
            "Beasiswa kuliah daerah harus diumumkan terbuka dan diutamakan untuk anak dari keluarga kurang mampu.",
            "PAUD di kampung kami menumpang di rumah warga. Anak-anak belajar di lantai tanpa alat peraga.",
            "Murid penyandang disabilitas jarang diterima di sekolah umum. Guru pendamping khusus harus ada di "
            "setiap kecamatan.",
            "Pelajar di pedalaman tertinggal dalam ujian berbasis komputer karena sekolahnya hanya punya beberapa "
            "laptop.",
            "Anak lulusan SMA banyak yang menganggur. Pendidikan vokasi dan magang di perusahaan lokal perlu "
            "diperbanyak.",
            "Muatan lokal bahasa dan sejarah Kutai perlu diajarkan di kelas supaya anak-anak mengenal asal-usulnya.",
            "Ukuran keberhasilan bukan hanya nilai ujian, tetapi juga berapa lulusan sekolah yang bekerja atau "
            "melanjutkan kuliah.",
            "Perpustakaan sekolah kekurangan buku bacaan. Gerakan membaca bisa dimulai dari pojok baca di balai warga.",
            "Keterampilan digital untuk anak muda kampung, seperti desain grafis dan pembuatan video, bisa "
            "diajarkan di sekolah dan sanggar.",
            "Sarjana asal Kukar yang kuliah dengan beasiswa daerah sebaiknya diberi kesempatan mengabdi di kampung "
            "halaman.",
            "Gedung sekolah dasar di kampung kami bocor setiap hujan. Perbaikan ruang kelas harus masuk prioritas.",
            "Guru honorer digaji sangat kecil padahal mengajar penuh. Sasaran pendidikan harus menyebut "
            "kesejahteraan guru.",
        ),
        reading=("Pendidikan",),
    ),
    DemoTopic(
        section="sasaran-pokok",
        title="Air bersih, listrik dan jalan sampai ke desa",
        body="Layanan dasar menentukan apakah warga bisa tinggal dan berusaha di kampungnya. Ceritakan apa yang "
        "masih kurang di tempat Anda, dan ukuran apa yang harus dicapai pada 2045.",
        keywords=keyword_set("pdam sumur pipa jalan jembatan listrik pln sinyal internet aspal bersih surya"),
        replies=(
            "Air bersih di kampung kami masih dibeli dari kapal tangki, padahal kami tinggal di tepi Mahakam. "
            "Pengolahan air sungai skala kampung sangat kami perlukan.",
            "Pipa PDAM sudah sampai ke jalan utama, tetapi belum masuk ke gang-gang kami. Biaya sambungan rumah "
            "terlalu mahal.",
            "Jalan poros Kota Bangun ke Muara Muntai rusak berat. Kalau hujan, perjalanan dua jam menjadi enam jam.",
            "Listrik di Tabang masih menyala dua belas jam sehari. Panel surya untuk rumah dan fasilitas umum bisa "
            "jadi jalan keluar.",
            "Sinyal internet di hulu Mahakam sangat lemah. Warga harus naik ke bukit untuk menerima pesan.",
            "Jembatan gantung di kampung kami sudah miring. Anak-anak menyeberang setiap hari, tolong segera "
            "diperbaiki.",
            "Sumur bor bersama di RT kami mengering saat kemarau. Perlu penampungan air hujan di setiap rumah "
            "supaya air bersih tetap ada.",
            "Ukuran yang jelas: persentase rumah tangga yang punya air bersih di rumah dan listrik dua puluh empat "
            "jam.",
            "Jalan desa yang diaspal cepat rusak karena truk bermuatan berat. Perlu pengawasan tonase di jalan "
            "kampung.",
            "Transportasi sungai tetap penting bagi kampung kami. Dermaga yang layak sama pentingnya dengan jalan "
            "darat.",
            "Jaringan internet di kantor desa membuat pelayanan surat lebih cepat, tetapi baru sedikit desa yang "
            "punya.",
            "Sambungan listrik PLN untuk rumah di ujung kampung dibebani biaya tiang sendiri. Itu memberatkan.",
            "Air PDAM sering keruh dan mati berhari-hari. Mutu layanan harus diukur, bukan hanya panjang pipa.",
            "Jalan tembus antarkecamatan akan membuka kampung-kampung yang selama ini hanya bisa dicapai lewat sungai.",
            "Sanitasi dan air bersih harus direncanakan bersama; jangan sampai jamban dibangun dekat sumur.",
            "Penerangan jalan umum di kampung kami mati sejak setahun lalu. Malam hari jalan menjadi gelap dan rawan.",
        ),
        reading=("Infrastruktur", "Air Bersih"),
    ),
]
TOPIC_BY_SLUG = {topic.slug: topic for topic in TOPICS}


CLOSING_TOPICS = 2


def seed(*, authors) -> None:
    """Create every demo topic not there yet, with its reading material and, under the first, a short
    conversation between the demo accounts."""
    sections = {section.slug: section for section in Section.objects.all()}
    existing = set(Topic.objects.filter(slug__in=TOPIC_BY_SLUG).values_list("slug", flat=True))
    for order, demo_topic in enumerate(TOPICS, start=1):
        if demo_topic.slug in existing:
            continue
        topic = Topic.objects.create(
            section=sections[demo_topic.section],
            title=demo_topic.title,
            slug=demo_topic.slug,
            body=demo_topic.body,
            status=Topic.Status.PUBLISHED,
            order=order,
            # The first topics close in a few weeks, so the home page shows what is open and until when.
            closes_at=timezone.now() + timedelta(days=21 * order) if order <= CLOSING_TOPICS else None,
        )
        topic.reading_materials.set(
            Document.objects.published().filter(subjects__name__in=demo_topic.reading).distinct()
        )
        made = []
        for index, (parent_index, body) in enumerate(demo_topic.conversation):
            parent = made[parent_index] if parent_index is not None else None
            author = authors[index % len(authors)]
            made.append(services.reply_create(topic=topic, author=author, body=body, parent=parent))


def reply_body(rng: random.Random, demo_topic: DemoTopic) -> str:
    """One to three sentences of the topic's own pool, as a citizen would write them."""
    return " ".join(rng.sample(demo_topic.replies, rng.choices([1, 2, 3], [55, 35, 10])[0]))


# Mixed sentences for the load tests and benchmarks (generate_reply_tree), not for the demo.
SENTENCES = [
    "Jalan desa kami rusak setiap musim hujan sehingga hasil kebun sulit dibawa ke pasar.",
    "Anak-anak muda perlu pelatihan keterampilan agar tidak semua bergantung pada tambang.",
    "Air bersih masih harus dibeli dari kapal, padahal kami tinggal di tepi sungai.",
    "Saya usul agar puskesmas pembantu di desa punya bidan yang menetap, bukan bergantian.",
    "Wisata sungai dan budaya Kutai bisa menjadi sumber penghasilan baru bila dikelola bersama.",
    "Harga pupuk mahal dan penyuluh pertanian jarang datang ke kampung kami.",
    "Sinyal internet di hulu Mahakam masih lemah, sekolah daring hampir tidak mungkin.",
    "Perlu ada pengawasan reklamasi lubang tambang agar tidak memakan korban lagi.",
]


def generate_reply_tree(*, topic: Topic, count: int, authors: list, seed: int = 2045, top_level_share: float = 0.3):
    """`count` replies in a random tree with realistic lengths, written in a few bulk queries (for load tests
    and the query-count test). Earlier replies are parents of later ones, as in a real discussion."""
    rng = random.Random(seed)  # noqa: S311 — demo data, not security
    start = timezone.now() - timedelta(days=30)
    replies = Reply.objects.bulk_create(
        Reply(
            topic=topic,
            author=authors[rng.randrange(len(authors))],
            body=" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 6))),
            created_at=start + timedelta(minutes=index * 7),
            path="",
        )
        for index in range(count)
    )
    for index, reply in enumerate(replies):
        own = f"{reply.pk:0{PATH_SEGMENT}d}"
        if index == 0 or rng.random() < top_level_share:
            reply.parent, reply.root_id, reply.path, reply.depth = None, reply.pk, own, 0
        else:
            parent = replies[rng.randrange(index)]
            reply.parent, reply.root_id = parent, parent.root_id
            reply.path, reply.depth = parent.path + own, parent.depth + 1
    Reply.objects.bulk_update(replies, ["parent", "root", "path", "depth"], batch_size=500)
    Topic.objects.filter(pk=topic.pk).mark_replies_changed()  # bulk writes send no signals (rpjpd.signals)
    return replies
