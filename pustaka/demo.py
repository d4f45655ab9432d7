"""Demo library for `manage.py seed_demo` and generated documents for the benchmark."""

import random
import textwrap
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.utils.text import slugify

from pustaka import indexing, services
from pustaka.models import Category, Document, DocumentType, Subject
from pustaka.uploads import check_library_file


def text_pdf(lines: list[str]) -> bytes:
    """A small, valid one-page PDF whose text a PDF reader can extract (written by hand: no dependency)."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    body = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({escape(line)}) '" for line in lines) + " ET"
    stream = body.encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(output)


LAW_OFFICE = "Bagian Hukum Sekretariat Daerah Kabupaten Kutai Kartanegara"
BAPPEDA = "Bappeda Kabupaten Kutai Kartanegara"
AUTHOR_BODY = "Pemerintah Kabupaten Kutai Kartanegara"
SOURCE = "Data demo Ruang Runding (dokumen fiktif)"
FICTION_NOTE = "Dokumen contoh untuk demo Ruang Runding: nomor, tanggal dan isinya fiktif, bukan produk hukum resmi."


def doc(key, category, kind, number, year, title, about, subjects, abstract, text, *, enacted, **extra):
    return {
        "key": key,
        "category": category,
        "type": kind,
        "number": number,
        "year": year,
        "title": title,
        "about": about,
        "subjects": subjects,
        "abstract": abstract,
        "text": text,
        "enacted": date.fromisoformat(enacted),
        **extra,
    }


# The demo library: the documents a citizen needs to take part in the RPJPD, in the kinds a JDIH holds.
# Ordered roughly by how often they would be downloaded (the dashboard demo gives the first the most).
DOCUMENTS = [
    doc(
        "perda-rpjpd-2025",
        "regulasi",
        "peraturan-daerah",
        "3",
        2025,
        "Rencana Pembangunan Jangka Panjang Daerah (RPJPD) Tahun 2025–2045",
        "Peraturan Daerah tentang RPJPD Kabupaten Kutai Kartanegara Tahun 2025–2045: visi, misi, arah "
        "kebijakan dan sasaran pokok dua puluh tahun.",
        ["RPJPD", "Perencanaan"],
        "Peraturan Daerah ini menetapkan RPJPD Tahun 2025–2045 sebagai pedoman penyusunan RPJMD dan visi misi "
        "calon kepala daerah. Memuat gambaran umum daerah, isu strategis, visi, misi, arah kebijakan dan sasaran "
        "pokok, serta cara pengendalian dan evaluasinya.",
        [
            "Pasal 2: RPJPD menjadi pedoman penyusunan RPJMD dan visi, misi serta program calon bupati.",
            "Pasal 3: Visi daerah 2025-2045 dijabarkan dalam delapan misi dan dua belas sasaran pokok.",
            "Pasal 5: Pelaksanaan RPJPD dievaluasi setiap lima tahun dengan melibatkan masyarakat.",
        ],
        enacted="2025-02-17",
        promulgated="2025-02-19",
        publisher=LAW_OFFICE,
    ),
    doc(
        "rpjpd-rancangan-akhir",
        "dokumen-perencanaan",
        "rpjpd",
        "",
        2024,
        "Rancangan Akhir RPJPD Kabupaten Kutai Kartanegara 2025–2045",
        "Naskah lengkap rancangan akhir RPJPD yang disampaikan kepada DPRD beserta ringkasan hasil konsultasi publik.",
        ["RPJPD", "Perencanaan", "Partisipasi Publik"],
        "Rancangan akhir RPJPD 2025–2045 terdiri atas enam bab: pendahuluan, gambaran umum kondisi daerah, "
        "permasalahan dan isu strategis, visi dan misi, arah kebijakan dan sasaran pokok, serta penutup. "
        "Lampirannya merangkum masukan warga dari forum konsultasi publik dan portal Ruang Runding.",
        [
            "Bab III: isu strategis meliputi ketergantungan pada pertambangan, banjir di Daerah Aliran Sungai "
            "Mahakam, ketahanan pangan, mutu layanan dasar dan kualitas lingkungan hidup.",
            "Bab V: sasaran pokok diukur dengan indikator yang dapat dipantau warga setiap tahun.",
        ],
        enacted="2024-11-28",
        publisher=BAPPEDA,
    ),
    doc(
        "perda-rpjmd-2021",
        "regulasi",
        "peraturan-daerah",
        "8",
        2021,
        "Rencana Pembangunan Jangka Menengah Daerah (RPJMD) Tahun 2021–2026",
        "Peraturan Daerah tentang RPJMD Kabupaten Kutai Kartanegara Tahun 2021–2026.",
        ["RPJMD", "Perencanaan"],
        "Menetapkan RPJMD 2021–2026 yang menjabarkan visi dan misi bupati terpilih ke dalam tujuan, sasaran, "
        "strategi, program prioritas dan pagu indikatif lima tahun, serta indikator kinerja daerah.",
        [
            "Pasal 2: RPJMD menjadi pedoman penyusunan Renstra Perangkat Daerah dan RKPD setiap tahun.",
            "Pasal 4: Program prioritas meliputi jalan penghubung antarkecamatan, layanan kesehatan dan pendidikan, "
            "serta ekonomi di luar pertambangan.",
        ],
        enacted="2021-08-30",
        promulgated="2021-08-31",
        status="diubah",
        changed_by="perda-rpjmd-perubahan",
        publisher=LAW_OFFICE,
    ),
    doc(
        "perda-rpjmd-perubahan",
        "regulasi",
        "peraturan-daerah",
        "5",
        2023,
        "Perubahan atas Peraturan Daerah Nomor 8 Tahun 2021 tentang RPJMD Tahun 2021–2026",
        "Penyesuaian target RPJMD sesudah pemulihan ekonomi dan perubahan kewenangan dari pemerintah pusat.",
        ["RPJMD", "Perencanaan"],
        "Perubahan ini menyesuaikan target indikator kinerja dan pagu indikatif RPJMD 2021–2026 dengan kondisi "
        "keuangan daerah terkini, menambah program penurunan stunting, dan memindahkan beberapa kegiatan "
        "infrastruktur ke tahun berikutnya.",
        [
            "Pasal I: Beberapa ketentuan dalam Lampiran Peraturan Daerah Nomor 8 Tahun 2021 diubah.",
            "Pasal II: Peraturan Daerah ini mulai berlaku pada tanggal diundangkan.",
        ],
        enacted="2023-09-12",
        promulgated="2023-09-14",
        publisher=LAW_OFFICE,
    ),
    doc(
        "rpjmd-dokumen",
        "dokumen-perencanaan",
        "rpjmd",
        "",
        2021,
        "Rencana Pembangunan Jangka Menengah Daerah 2021–2026",
        "Visi, misi, tujuan dan program prioritas daerah lima tahun (lampiran Peraturan Daerah Nomor 8 Tahun 2021).",
        ["RPJMD", "Perencanaan", "Infrastruktur"],
        "Dokumen RPJMD memuat arah pembangunan lima tahun: membangun jalan desa, layanan kesehatan, pendidikan, "
        "dan ekonomi di luar pertambangan, lengkap dengan indikator kinerja dan kerangka pendanaan.",
        ["Bab I Pendahuluan. RPJMD disusun untuk membangun daerah yang maju dan sejahtera."],
        enacted="2021-08-30",
        publisher=BAPPEDA,
    ),
    doc(
        "perda-rpjpd-2005",
        "regulasi",
        "peraturan-daerah",
        "11",
        2008,
        "Rencana Pembangunan Jangka Panjang Daerah (RPJPD) Tahun 2005–2025",
        "Peraturan Daerah tentang RPJPD Kabupaten Kutai Kartanegara Tahun 2005–2025.",
        ["RPJPD", "Perencanaan"],
        "RPJPD periode pertama yang menjadi pedoman empat RPJMD. Dicabut dan diganti oleh RPJPD 2025–2045 "
        "setelah periodenya berakhir.",
        ["Pasal 2: RPJPD 2005-2025 dilaksanakan dalam empat tahapan lima tahunan."],
        enacted="2008-06-23",
        promulgated="2008-06-25",
        status="dicabut",
        changed_by="perda-rpjpd-2025",
        publisher=LAW_OFFICE,
    ),
    doc(
        "naskah-akademik-rpjpd",
        "kajian-data",
        "kajian",
        "",
        2024,
        "Naskah Akademik Rancangan Peraturan Daerah tentang RPJPD Tahun 2025–2045",
        "Landasan filosofis, sosiologis dan yuridis rancangan Perda RPJPD 2025–2045.",
        ["RPJPD", "Perencanaan"],
        "Naskah akademik ini menguraikan mengapa RPJPD 2025–2045 perlu ditetapkan dengan Peraturan Daerah, "
        "kondisi dan tantangan daerah dua puluh tahun ke depan, serta ruang lingkup materi muatan yang diusulkan.",
        [
            "Bab II: kajian teoretis dan praktik empiris perencanaan jangka panjang.",
            "Bab IV: landasan filosofis, sosiologis dan yuridis.",
        ],
        enacted="2024-05-20",
        publisher=BAPPEDA,
    ),
    doc(
        "evaluasi-rpjpd-2005",
        "kajian-data",
        "kajian",
        "",
        2024,
        "Evaluasi Akhir Pelaksanaan RPJPD 2005–2025",
        "Capaian sasaran pokok RPJPD periode pertama dan pelajaran untuk RPJPD berikutnya.",
        ["RPJPD", "Perencanaan"],
        "Evaluasi menunjukkan capaian yang baik pada akses jalan dan listrik, tetapi struktur ekonomi masih "
        "bertumpu pada pertambangan dan penggalian. Rekomendasinya menjadi bahan penyusunan isu strategis RPJPD "
        "2025–2045.",
        ["Temuan utama: 61 persen sasaran pokok tercapai; ketimpangan antarkecamatan belum menyempit."],
        enacted="2024-02-08",
        publisher=BAPPEDA,
    ),
    doc(
        "klhs-rpjpd",
        "kajian-data",
        "kajian",
        "",
        2024,
        "Kajian Lingkungan Hidup Strategis RPJPD 2025–2045",
        "KLHS yang menguji daya dukung dan daya tampung lingkungan terhadap arah kebijakan RPJPD.",
        ["RPJPD", "Lingkungan"],
        "KLHS menilai dampak arah kebijakan RPJPD terhadap hutan, lahan gambut, kualitas air Sungai Mahakam dan "
        "keanekaragaman hayati, lalu memberikan alternatif dan mitigasi yang diintegrasikan ke dalam rancangan "
        "RPJPD.",
        ["Isu prioritas: alih fungsi hutan, kualitas air sungai, pemulihan lahan bekas tambang, emisi."],
        enacted="2024-04-15",
        publisher="Dinas Lingkungan Hidup Kabupaten Kutai Kartanegara",
    ),
    doc(
        "perbup-musrenbang-2024",
        "regulasi",
        "peraturan-bupati",
        "12",
        2024,
        "Pedoman Penyelenggaraan Musyawarah Perencanaan Pembangunan",
        "Tata cara Musrenbang desa/kelurahan, kecamatan dan kabupaten, termasuk keterwakilan perempuan, anak dan "
        "penyandang disabilitas.",
        ["Musrenbang", "Partisipasi Publik", "Perencanaan"],
        "Peraturan Bupati ini mengatur tahapan Musrenbang dari desa sampai kabupaten, peserta yang wajib "
        "diundang, cara menyusun dan memberi peringkat usulan, serta kewajiban mengumumkan usulan yang diterima "
        "dan ditolak beserta alasannya.",
        [
            "Pasal 6: Peserta Musrenbang desa paling sedikit 30 persen perempuan.",
            "Pasal 9: Usulan yang tidak diakomodasi diumumkan beserta alasannya.",
            "Pasal 12: Forum anak dan organisasi penyandang disabilitas diundang di setiap tingkat.",
        ],
        enacted="2024-01-22",
        promulgated="2024-01-22",
        publisher=LAW_OFFICE,
    ),
    doc(
        "perbup-musrenbang-2017",
        "regulasi",
        "peraturan-bupati",
        "20",
        2017,
        "Pedoman Musyawarah Perencanaan Pembangunan Desa, Kecamatan dan Kabupaten",
        "Pedoman Musrenbang yang berlaku sebelum 2024.",
        ["Musrenbang", "Perencanaan"],
        "Pedoman lama penyelenggaraan Musrenbang berjenjang. Dicabut oleh Peraturan Bupati Nomor 12 Tahun 2024 "
        "yang menambahkan keterwakilan kelompok rentan dan keterbukaan hasil.",
        ["Pasal 3: Musrenbang diselenggarakan berjenjang dari desa sampai kabupaten."],
        enacted="2017-03-06",
        promulgated="2017-03-06",
        status="dicabut",
        changed_by="perbup-musrenbang-2024",
        publisher=LAW_OFFICE,
    ),
    doc(
        "perbup-konsultasi-publik",
        "regulasi",
        "peraturan-bupati",
        "9",
        2025,
        "Tata Cara Konsultasi Publik Rancangan Dokumen Perencanaan Daerah",
        "Cara Bappeda menampung, menjawab dan melaporkan masukan warga atas rancangan RPJPD, RPJMD dan RKPD.",
        ["Partisipasi Publik", "Perencanaan"],
        "Mengatur konsultasi publik tatap muka dan daring, lama waktu rancangan dibuka untuk tanggapan, "
        "perlindungan data pribadi peserta, serta kewajiban Bappeda menerbitkan laporan tindak lanjut masukan.",
        [
            "Pasal 4: Rancangan dokumen dibuka untuk tanggapan paling singkat 14 hari kalender.",
            "Pasal 8: Data pribadi peserta hanya diolah dalam bentuk agregat.",
        ],
        enacted="2025-04-07",
        promulgated="2025-04-08",
        publisher=LAW_OFFICE,
    ),
    doc(
        "kepbup-tim-rpjpd",
        "regulasi",
        "keputusan-bupati",
        "050/214/HK",
        2023,
        "Pembentukan Tim Penyusun RPJPD Tahun 2025–2045",
        "Susunan dan tugas tim penyusun RPJPD 2025–2045.",
        ["RPJPD", "Perencanaan"],
        "Keputusan Bupati tentang susunan tim pengarah, tim teknis dan kelompok kerja penyusunan RPJPD "
        "2025–2045, termasuk tugas menyelenggarakan konsultasi publik dan forum perangkat daerah.",
        ["Diktum Kedua: Tim teknis diketuai Kepala Bappeda."],
        enacted="2023-10-02",
        publisher=LAW_OFFICE,
    ),
    doc(
        "perbup-rkpd-2025",
        "regulasi",
        "peraturan-bupati",
        "45",
        2024,
        "Rencana Kerja Pemerintah Daerah Tahun 2025",
        "RKPD 2025: prioritas pembangunan, program dan kegiatan perangkat daerah selama satu tahun.",
        ["RKPD", "Perencanaan"],
        "Menetapkan RKPD 2025 sebagai dasar penyusunan KUA-PPAS dan APBD 2025. Memuat tema pembangunan tahunan, "
        "prioritas, sasaran, program dan kegiatan perangkat daerah beserta pagu indikatifnya.",
        ["Tema RKPD 2025: memperkuat ekonomi kerakyatan dan layanan dasar yang merata."],
        enacted="2024-06-28",
        promulgated="2024-06-28",
        publisher=LAW_OFFICE,
    ),
    doc(
        "rkpd-2026-rancangan",
        "dokumen-perencanaan",
        "rkpd",
        "",
        2025,
        "Rancangan Awal RKPD Tahun 2026",
        "Rancangan awal rencana kerja tahunan untuk dibahas dalam forum perangkat daerah dan Musrenbang.",
        ["RKPD", "Perencanaan", "Musrenbang"],
        "Rancangan awal RKPD 2026 menjadi bahan Musrenbang kecamatan dan kabupaten. Tahun 2026 adalah tahun "
        "pertama pelaksanaan RPJPD 2025–2045, sehingga prioritasnya diselaraskan dengan sasaran pokok RPJPD.",
        ["Prioritas 2026: layanan dasar di kecamatan hulu, pengendalian banjir, ketahanan pangan."],
        enacted="2025-01-31",
        publisher=BAPPEDA,
    ),
    doc(
        "renstra-bappeda",
        "dokumen-perencanaan",
        "renstra-perangkat-daerah",
        "",
        2021,
        "Renstra Bappeda Kabupaten Kutai Kartanegara 2021–2026",
        "Rencana strategis badan perencanaan: tujuan, sasaran, program dan indikator kinerja lima tahun.",
        ["Renstra", "Perencanaan"],
        "Renstra Bappeda menjabarkan peran Bappeda dalam mengoordinasikan perencanaan, penelitian dan "
        "pengembangan, serta evaluasi pembangunan daerah, termasuk peningkatan kualitas partisipasi masyarakat "
        "dalam perencanaan.",
        ["Sasaran: meningkatnya keselarasan dokumen perencanaan dan kualitas partisipasi warga."],
        enacted="2021-10-11",
        publisher=BAPPEDA,
    ),
    doc(
        "renstra-pertanian",
        "dokumen-perencanaan",
        "renstra-perangkat-daerah",
        "",
        2021,
        "Renstra Dinas Pertanian dan Peternakan 2021–2026",
        "Rencana strategis urusan pertanian, perkebunan rakyat dan peternakan.",
        ["Renstra", "Pertanian", "Irigasi"],
        "Memuat sasaran peningkatan produksi padi dan palawija, perluasan jaringan irigasi, penguatan penyuluhan, "
        "penyediaan bibit unggul dan sarana produksi, serta pengembangan peternakan sapi di lahan bekas tambang.",
        ["Indikator: produksi padi, luas sawah beririgasi, nilai tukar petani."],
        enacted="2021-10-18",
        publisher="Dinas Pertanian dan Peternakan Kabupaten Kutai Kartanegara",
    ),
    doc(
        "renstra-kesehatan",
        "dokumen-perencanaan",
        "renstra-perangkat-daerah",
        "",
        2021,
        "Renstra Dinas Kesehatan 2021–2026",
        "Rencana strategis layanan kesehatan masyarakat dan rujukan.",
        ["Renstra", "Kesehatan", "Stunting"],
        "Renstra Dinas Kesehatan menargetkan turunnya angka kematian ibu dan bayi serta prevalensi stunting, "
        "pemerataan tenaga kesehatan di puskesmas kecamatan hulu, dan peningkatan kepesertaan jaminan kesehatan.",
        ["Indikator: persalinan di fasilitas kesehatan, prevalensi stunting, puskesmas terakreditasi."],
        enacted="2021-10-18",
        publisher="Dinas Kesehatan Kabupaten Kutai Kartanegara",
    ),
    doc(
        "renstra-pupr",
        "dokumen-perencanaan",
        "renstra-perangkat-daerah",
        "",
        2021,
        "Renstra Dinas Pekerjaan Umum dan Penataan Ruang 2021–2026",
        "Rencana strategis jalan, jembatan, air minum, sanitasi dan drainase.",
        ["Renstra", "Infrastruktur", "Air Bersih"],
        "Menargetkan jalan kabupaten dalam kondisi mantap, jembatan penghubung kecamatan, cakupan air minum "
        "perpipaan dan sanitasi layak, serta perbaikan drainase perkotaan di Tenggarong dan Tenggarong Seberang.",
        ["Indikator: persentase jalan kabupaten mantap, rumah tangga dengan akses air minum layak."],
        enacted="2021-10-20",
        publisher="Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Kutai Kartanegara",
    ),
    doc(
        "renstra-pendidikan",
        "dokumen-perencanaan",
        "renstra-perangkat-daerah",
        "",
        2021,
        "Renstra Dinas Pendidikan dan Kebudayaan 2021–2026",
        "Rencana strategis pendidikan anak usia dini, pendidikan dasar dan pelestarian kebudayaan.",
        ["Renstra", "Pendidikan"],
        "Memuat sasaran peningkatan rata-rata lama sekolah, pemerataan guru di sekolah terpencil, perbaikan ruang "
        "kelas, pendidikan inklusif, serta pelestarian bahasa dan budaya Kutai.",
        ["Indikator: angka partisipasi sekolah, rasio guru per sekolah di kecamatan hulu."],
        enacted="2021-10-20",
        publisher="Dinas Pendidikan dan Kebudayaan Kabupaten Kutai Kartanegara",
    ),
    doc(
        "renstra-bpbd",
        "dokumen-perencanaan",
        "renstra-perangkat-daerah",
        "",
        2021,
        "Renstra Badan Penanggulangan Bencana Daerah 2021–2026",
        "Rencana strategis pencegahan, kesiapsiagaan dan penanganan darurat bencana.",
        ["Renstra", "Kebencanaan"],
        "Renstra BPBD menargetkan desa tangguh bencana di sepanjang Sungai Mahakam, sistem peringatan dini "
        "banjir, kesiapan logistik dan perahu evakuasi, serta pelatihan relawan di setiap kecamatan rawan.",
        ["Indikator: jumlah desa tangguh bencana, waktu tanggap darurat."],
        enacted="2021-10-25",
        publisher="Badan Penanggulangan Bencana Daerah Kabupaten Kutai Kartanegara",
    ),
    doc(
        "renstra-dlh",
        "dokumen-perencanaan",
        "renstra-perangkat-daerah",
        "",
        2021,
        "Renstra Dinas Lingkungan Hidup 2021–2026",
        "Rencana strategis pengendalian pencemaran, persampahan dan ruang terbuka hijau.",
        ["Renstra", "Lingkungan", "Persampahan"],
        "Memuat sasaran indeks kualitas air dan udara, pengurangan dan penanganan sampah, pengawasan usaha yang "
        "berdampak lingkungan, serta perluasan ruang terbuka hijau perkotaan.",
        ["Indikator: indeks kualitas lingkungan hidup, persentase sampah tertangani."],
        enacted="2021-10-25",
        publisher="Dinas Lingkungan Hidup Kabupaten Kutai Kartanegara",
    ),
    doc(
        "perda-irigasi",
        "regulasi",
        "peraturan-daerah",
        "7",
        2023,
        "Pengelolaan Irigasi Desa",
        "Pembagian air, pemeliharaan saluran dan peran petani pemakai air dalam jaringan irigasi desa.",
        ["Irigasi", "Pertanian"],
        "Peraturan ini mengatur pembangunan, pemeliharaan dan pembagian air irigasi di desa, serta peran "
        "perkumpulan petani pemakai air dan pemerintah desa dalam merawat saluran.",
        [
            "Pasal 1: Irigasi desa adalah jaringan yang dibangun dan dirawat bersama oleh masyarakat desa.",
            "Pasal 2: Pemerintah desa membantu pemeliharaan saluran tersier.",
        ],
        enacted="2023-06-01",
        promulgated="2023-06-05",
        publisher=LAW_OFFICE,
    ),
    doc(
        "perda-rtrw-2024",
        "regulasi",
        "peraturan-daerah",
        "4",
        2024,
        "Rencana Tata Ruang Wilayah Kabupaten Tahun 2024–2044",
        "Struktur ruang, pola ruang, kawasan strategis dan ketentuan pengendalian pemanfaatan ruang kabupaten.",
        ["Tata Ruang", "Lingkungan"],
        "RTRW menetapkan kawasan lindung dan budi daya, sempadan Sungai Mahakam, kawasan pertanian pangan "
        "berkelanjutan, jaringan jalan dan pusat-pusat kegiatan. Mencabut RTRW 2013–2033.",
        ["Pasal 30: Sempadan sungai besar paling sedikit 100 meter dari tepi palung sungai di luar permukiman."],
        enacted="2024-03-18",
        promulgated="2024-03-20",
        publisher=LAW_OFFICE,
    ),
    doc(
        "perda-rtrw-2013",
        "regulasi",
        "peraturan-daerah",
        "9",
        2013,
        "Rencana Tata Ruang Wilayah Kabupaten Tahun 2013–2033",
        "Rencana tata ruang wilayah kabupaten periode sebelumnya.",
        ["Tata Ruang"],
        "RTRW periode 2013–2033, dicabut oleh Peraturan Daerah Nomor 4 Tahun 2024 setelah peninjauan kembali "
        "menemukan perubahan besar pada pola ruang.",
        ["Pasal 2: RTRW berlaku untuk jangka waktu 20 tahun dan ditinjau kembali setiap 5 tahun."],
        enacted="2013-11-04",
        promulgated="2013-11-06",
        status="dicabut",
        changed_by="perda-rtrw-2024",
        publisher=LAW_OFFICE,
    ),
    doc(
        "perda-sampah",
        "regulasi",
        "peraturan-daerah",
        "6",
        2022,
        "Pengelolaan Sampah Rumah Tangga dan Sampah Sejenis Sampah Rumah Tangga",
        "Pengurangan dan penanganan sampah, bank sampah, serta hak dan kewajiban warga.",
        ["Persampahan", "Lingkungan"],
        "Mengatur pemilahan sampah dari rumah, bank sampah dan tempat pengolahan sampah terpadu, kewajiban "
        "pengelola kawasan, serta larangan membuang sampah ke sungai.",
        ["Pasal 14: Setiap orang dilarang membuang sampah ke sungai, danau dan saluran drainase."],
        enacted="2022-07-11",
        promulgated="2022-07-13",
        publisher=LAW_OFFICE,
    ),
    doc(
        "perda-bencana",
        "regulasi",
        "peraturan-daerah",
        "2",
        2024,
        "Penyelenggaraan Penanggulangan Bencana",
        "Pra-bencana, tanggap darurat dan pascabencana, termasuk desa tangguh bencana.",
        ["Kebencanaan"],
        "Mengatur kewajiban pemerintah daerah dalam pengurangan risiko bencana, kesiapsiagaan, tanggap darurat "
        "dan pemulihan, peran desa tangguh bencana dan relawan, serta penggunaan dana siap pakai.",
        ["Pasal 18: Setiap desa di daerah rawan banjir menyusun rencana kontinjensi."],
        enacted="2024-05-06",
        promulgated="2024-05-08",
        publisher=LAW_OFFICE,
    ),
    doc(
        "perbup-peringatan-dini",
        "regulasi",
        "peraturan-bupati",
        "30",
        2022,
        "Sistem Peringatan Dini Banjir Berbasis Masyarakat",
        "Pemantauan muka air, penyebaran peringatan dan latihan evakuasi di kampung tepian sungai.",
        ["Kebencanaan"],
        "Peraturan Bupati ini mengatur pos pantau muka air di hulu, tiga tingkat status siaga, cara "
        "menyebarkan peringatan lewat pengeras suara dan pesan singkat, serta latihan evakuasi tahunan.",
        ["Pasal 5: Status siaga ditetapkan berdasarkan tinggi muka air di pos pantau hulu."],
        enacted="2022-11-21",
        promulgated="2022-11-21",
        publisher=LAW_OFFICE,
    ),
    doc(
        "perbup-stunting",
        "regulasi",
        "peraturan-bupati",
        "18",
        2023,
        "Percepatan Penurunan Stunting",
        "Intervensi gizi spesifik dan sensitif serta peran tim percepatan di kecamatan dan kelurahan.",
        ["Stunting", "Kesehatan"],
        "Mengatur intervensi gizi bagi ibu hamil, bayi dan balita, pendampingan keluarga berisiko, pemantauan "
        "tumbuh kembang di posyandu, serta pembagian peran antarperangkat daerah.",
        ["Pasal 7: Setiap posyandu melaporkan hasil penimbangan bulanan."],
        enacted="2023-03-27",
        promulgated="2023-03-27",
        publisher=LAW_OFFICE,
    ),
    doc(
        "perda-masyarakat-adat",
        "regulasi",
        "peraturan-daerah",
        "10",
        2022,
        "Pengakuan dan Perlindungan Masyarakat Hukum Adat",
        "Tata cara pengakuan masyarakat hukum adat dan wilayah adatnya.",
        ["Masyarakat Adat", "Lingkungan"],
        "Mengatur identifikasi, verifikasi dan penetapan masyarakat hukum adat, perlindungan hak atas wilayah "
        "dan hutan adat, serta penyelesaian sengketa secara musyawarah.",
        ["Pasal 4: Panitia masyarakat hukum adat dibentuk dengan Keputusan Bupati."],
        enacted="2022-12-12",
        promulgated="2022-12-14",
        publisher=LAW_OFFICE,
    ),
    doc(
        "kajian-banjir",
        "kajian-data",
        "kajian",
        "",
        2022,
        "Kajian Kerentanan Banjir Permukiman Tepian Sungai Mahakam",
        "Tingkat kerentanan permukiman di sembilan kecamatan tepian Mahakam dan anak sungainya.",
        ["Kebencanaan", "Tata Ruang"],
        "Kajian memetakan genangan tahunan dari citra satelit dan survei rumah tangga, lalu menilai kerentanan "
        "fisik, sosial dan ekonomi permukiman. Rumah panggung terbukti mengurangi kerugian, sedangkan timbunan "
        "di dataran banjir memperparah genangan di sekitarnya.",
        ["Temuan: genangan terlama terjadi di Kota Bangun, Muara Muntai dan Kenohan."],
        enacted="2022-09-05",
        publisher=BAPPEDA,
    ),
    doc(
        "kajian-ekonomi",
        "kajian-data",
        "kajian",
        "",
        2023,
        "Kajian Transformasi Ekonomi Pascatambang",
        "Skenario struktur ekonomi daerah ketika produksi batu bara menurun.",
        ["Ekonomi", "Perencanaan"],
        "Kajian membandingkan tiga skenario penurunan produksi batu bara dan dampaknya terhadap pendapatan "
        "daerah dan lapangan kerja, lalu menilai sektor pengganti: agroindustri, perikanan, pariwisata sungai dan "
        "ekonomi kreatif.",
        ["Skenario moderat: sektor di luar pertambangan tumbuh 6 persen per tahun sampai 2045."],
        enacted="2023-07-17",
        publisher=BAPPEDA,
    ),
    doc(
        "kajian-pangan",
        "kajian-data",
        "kajian",
        "",
        2024,
        "Kajian Ketahanan Pangan Daerah",
        "Neraca produksi dan kebutuhan beras, sayur dan protein hewani.",
        ["Pertanian", "Ekonomi"],
        "Kajian menghitung neraca pangan per kecamatan, menemukan penyusutan sawah di sekitar kota, dan "
        "mengusulkan lahan pertanian pangan berkelanjutan, perbaikan irigasi serta cadangan pangan pemerintah "
        "daerah.",
        ["Temuan: produksi beras memenuhi sekitar tiga perempat kebutuhan penduduk."],
        enacted="2024-08-12",
        publisher=BAPPEDA,
    ),
    doc(
        "naskah-akademik-sampah",
        "kajian-data",
        "kajian",
        "",
        2021,
        "Naskah Akademik Rancangan Peraturan Daerah tentang Pengelolaan Sampah",
        "Dasar pemikiran Peraturan Daerah Nomor 6 Tahun 2022 tentang pengelolaan sampah.",
        ["Persampahan", "Lingkungan"],
        "Menguraikan timbulan sampah rumah tangga, kapasitas tempat pemrosesan akhir, praktik bank sampah di "
        "kelurahan, dan usulan materi muatan peraturan daerah tentang pengelolaan sampah.",
        ["Timbulan sampah perkotaan diperkirakan 0,6 kilogram per orang per hari."],
        enacted="2021-09-13",
        publisher="Dinas Lingkungan Hidup Kabupaten Kutai Kartanegara",
    ),
    doc(
        "rekomendasi-banjir",
        "rekomendasi-kebijakan",
        "rekomendasi-kebijakan",
        "",
        2024,
        "Rekomendasi Pengendalian Banjir Sungai Mahakam",
        "Pilihan kebijakan untuk mengurangi dampak banjir di permukiman tepian sungai.",
        ["Kebencanaan", "Lingkungan"],
        "Kajian ini merekomendasikan tata ruang tepian sungai, rumah panggung, dan sistem peringatan dini banjir "
        "berbasis desa.",
        ["Banjir musiman di Tenggarong dan Kota Bangun merendam permukiman selama beberapa hari."],
        enacted="2024-03-04",
        publisher=BAPPEDA,
    ),
    doc(
        "rekomendasi-ekonomi",
        "rekomendasi-kebijakan",
        "rekomendasi-kebijakan",
        "",
        2024,
        "Rekomendasi Kebijakan Diversifikasi Ekonomi Daerah",
        "Langkah lima tahun pertama agar ekonomi daerah tidak lagi bertumpu pada batu bara.",
        ["Ekonomi"],
        "Merekomendasikan dana abadi daerah dari bagi hasil sumber daya alam, kemitraan wajib perusahaan besar "
        "dengan UMKM, pelatihan ulang pekerja tambang, dan pengembangan wisata sungai dan danau.",
        ["Rekomendasi 1: sisihkan sebagian dana bagi hasil batu bara sebagai dana abadi daerah."],
        enacted="2024-10-21",
        publisher=BAPPEDA,
    ),
    doc(
        "rekomendasi-air-bersih",
        "rekomendasi-kebijakan",
        "rekomendasi-kebijakan",
        "",
        2025,
        "Rekomendasi Kebijakan Air Minum bagi Kampung Tepian Sungai",
        "Pilihan layanan air minum untuk kampung yang jauh dari jaringan perpipaan kota.",
        ["Air Bersih", "Infrastruktur"],
        "Membandingkan instalasi pengolahan air skala kampung, penampungan air hujan dan perluasan jaringan "
        "perpipaan, lalu merekomendasikan pengelolaan bersama oleh badan usaha milik desa.",
        ["Rekomendasi: instalasi pengolahan air sungai skala kampung untuk 40 kampung prioritas."],
        enacted="2025-03-10",
        publisher=BAPPEDA,
    ),
    doc(
        "rekomendasi-stunting",
        "rekomendasi-kebijakan",
        "rekomendasi-kebijakan",
        "",
        2023,
        "Rekomendasi Kebijakan Penurunan Stunting di Kecamatan Hulu",
        "Cara menjangkau keluarga di kampung terpencil yang jauh dari puskesmas.",
        ["Stunting", "Kesehatan"],
        "Merekomendasikan bidan menetap, puskesmas keliling lewat sungai, pemberian makanan tambahan berbahan "
        "pangan lokal dan pendampingan keluarga oleh kader posyandu yang diberi honor layak.",
        ["Sasaran: prevalensi stunting di kecamatan hulu turun setara rata-rata kabupaten."],
        enacted="2023-11-06",
        publisher=BAPPEDA,
    ),
]


@transaction.atomic
def seed() -> None:
    """Add each demo document not in the library yet (same jenis, nomor, tahun and judul), with a small PDF
    whose text is searchable, then link the documents that revoke or amend another."""
    by_key, added = {}, False
    categories = {category.slug: category for category in Category.objects.all()}
    types = {kind.slug: kind for kind in DocumentType.objects.all()}
    for spec in DOCUMENTS:
        document = Document.objects.filter(
            document_type=types[spec["type"]], number=spec["number"], year=spec["year"], title=spec["title"]
        ).first()
        if document is None:
            document = _add(spec, categories[spec["category"]], types[spec["type"]])
            added = True
        by_key[spec["key"]] = document
    for spec in DOCUMENTS:
        document = by_key[spec["key"]]
        if spec.get("changed_by") and document.status_changed_by_id is None:
            Document.objects.filter(pk=document.pk).update(status_changed_by=by_key[spec["changed_by"]])
    if added:
        transaction.on_commit(indexing.lexicon_refresh)


def _add(spec: dict, category: Category, kind: DocumentType) -> Document:
    document = Document.objects.create(
        category=category,
        document_type=kind,
        number=spec["number"],
        year=spec["year"],
        title=spec["title"],
        about=spec["about"],
        abstract=spec["abstract"],
        author_body=AUTHOR_BODY,
        publisher=spec["publisher"],
        place_enacted="Tenggarong",
        date_enacted=spec["enacted"],
        date_promulgated=date.fromisoformat(spec["promulgated"]) if spec.get("promulgated") else None,
        status=spec.get("status", Document.Status.IN_FORCE),
        source=SOURCE,
        is_published=True,
    )
    document.subjects.set(
        Subject.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0] for name in spec["subjects"]
    )
    name = f"{slugify(spec['title'])[:80]}.pdf"
    upload = SimpleUploadedFile(name, text_pdf(_pdf_lines(document, spec)), "application/pdf")
    services.file_add(document=document, checked=check_library_file(upload))
    indexing.document_index_refresh(document_id=document.pk)
    return document


def _pdf_lines(document: Document, spec: dict) -> list[str]:
    """The first page as a reader expects it: who enacted what, a few lines of content, and the note that it
    is fictional. Plain ASCII dashes: the PDF's standard font has no en dash."""
    lines = [
        AUTHOR_BODY.upper(),
        "",
        document.citation.upper(),
        "TENTANG",
        spec["title"].upper(),
        "",
        *spec["text"],
        "",
        f"Ditetapkan di Tenggarong pada tanggal {spec['enacted']:%d-%m-%Y}.",
        "",
        FICTION_NOTE,
    ]
    wrapped = []
    for line in lines:
        wrapped.extend(textwrap.wrap(line.replace("–", "-"), 90) or [""])
    return wrapped


TOPICS = [
    "irigasi",
    "jalan desa",
    "air bersih",
    "pendidikan",
    "kesehatan ibu dan anak",
    "banjir",
    "pertanian",
    "perikanan",
    "pariwisata sungai",
    "UMKM",
    "pertambangan",
    "reklamasi lahan",
    "stunting",
    "listrik desa",
    "transportasi sungai",
    "perkebunan sawit",
    "hutan adat",
    "sampah",
    "sanitasi",
    "penanggulangan kemiskinan",
]
VERBS = ["Pengelolaan", "Pembangunan", "Penyelenggaraan", "Perlindungan", "Pengembangan", "Penataan", "Pemberdayaan"]


def generate_documents(count: int, *, seed: int = 2045) -> None:
    """`count` published documents with realistic titles and abstracts, bulk-written, then indexed in one
    statement (for the benchmark)."""
    rng = random.Random(seed)  # noqa: S311 — demo data, not security
    categories, types = list(Category.objects.all()), list(DocumentType.objects.all())
    documents = []
    for number in range(count):
        topic, other = rng.choice(TOPICS), rng.choice(TOPICS)
        title = f"{rng.choice(VERBS)} {topic.capitalize()} di Kabupaten"
        rare = " Termasuk pencegahan kebakaran lahan gambut." if number % 100 == 0 else ""
        documents.append(
            Document(
                category=rng.choice(categories),
                document_type=rng.choice(types),
                number=str(number % 40 + 1),
                year=rng.randint(2005, 2025),
                title=title,
                about=f"{title} dan kaitannya dengan {other}.",
                abstract=f"Dokumen ini membahas {topic} dan {other}: kebutuhan warga, peran pemerintah desa dan "
                f"perangkat daerah, serta langkah membangun layanan yang lebih baik hingga tahun 2045.{rare}",
                is_published=True,
            )
        )
    Document.objects.bulk_create(documents, batch_size=1000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE pustaka_document SET search_vector ="
                " setweight(to_tsvector('indonesian', title), 'A')"
                " || setweight(to_tsvector('indonesian', about), 'B')"
                " || setweight(to_tsvector('indonesian', abstract), 'C')"
                " WHERE search_vector IS NULL"
            )
            cursor.execute("ANALYZE pustaka_document")
        indexing.lexicon_refresh()
