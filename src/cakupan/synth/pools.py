"""Vocabularies of the synthetic regency: names, occupations, places, banks.

Names follow common East Javanese patterns (single Javanese names, Arabic-origin names,
``SITI``/``SRI``/``NUR`` prefixes); weights make a few names very common, as in life, so
that term-frequency effects in matching are realistic.
"""

from __future__ import annotations

MALE_FIRST = (
    "MUHAMMAD AHMAD AGUS BUDI SLAMET SUPARMAN SUGENG JOKO BAMBANG EKO DWI TRI HERU WAHYU HADI "
    "ABDUL MOCHAMAD IMAM SAIFUL ANDI RUDI YUSUF ARIF FAJAR RIZKY DENI HENDRA SUTRISNO SUKARDI "
    "SUWARNO SUPRIYADI SUYANTO PRIYO KASIANTO NANANG DIDIK ROHMAT ZAINAL KHOIRUL NUR ACHMAD "
    "SUNARTO PAIMAN SARIMAN MUJI KUSNADI GUNAWAN HARIYANTO SUPRAPTO SUHARTO DJOKO ISMAIL "
    "SUDARMAJI MASRUKIN ROFIQ FAISAL ILHAM DIMAS BAGUS GALIH YOGA FERDI ANANG WAWAN SOLIKIN"
).split()
FEMALE_FIRST = (
    "SITI SRI NUR DEWI ENDANG TUTIK YULI LILIK WATI SUMIATI SUPARTI SUKARTI NING ANIK ERNA "
    "RINA RATNA LESTARI WULAN PUJI RAHAYU MUNIROH ASIH KASIATI MARIYAM FATIMAH AMINAH "
    "KHOIRIYAH UMI NURUL LAILATUL FITRI INDAH AYU EVI YAYUK SULASTRI SUWARNI PARTINI SUTINAH "
    "MUSLIKAH ROSIDAH ZULAIKHA MASRUROH LIA NOVI DIAN RATIH TITIK SUPINAH KATMI SAMINI"
).split()
SECOND = (
    "SETIAWAN SANTOSO PRASETYO WIBOWO HIDAYAT SUSANTO KURNIAWAN SAPUTRA PURNOMO NUGROHO "
    "RAHMAN HAKIM SYAHPUTRA FAUZI MUSTOFA HASANAH AMINAH WAHYUNI RAHAYU LESTARI HANDAYANI "
    "SUSILOWATI PURWANINGSIH ISTIQOMAH MAULIDA ROHMAH HARIYANTI SETYOWATI UTAMI YULIANA "
    "ARIFIN EFENDI FIRMANSYAH ALI MUHAJIR ANSHORI ROSYID MAKSUM ASY'ARI FATONI SUBEKTI "
    "SUPRIYANTO WIJAYA KUSUMA PRATAMA RAMADHAN HIDAYATULLAH MAHMUDAH NINGSIH ARIYANI"
).split()

# Dukcapil occupation labels with the weight among working people and the segment a
# member of that occupation would join (PU wage earner, BPU non-wage, JAKON construction)
# and the share actively covered before the programme (tuned to the regency's ~30 %).
WORKING_OCCUPATIONS: tuple[tuple[str, float, str, float], ...] = (
    ("KARYAWAN SWASTA", 0.27, "PU", 0.55),
    ("WIRASWASTA", 0.14, "BPU", 0.12),
    ("PETANI/PEKEBUN", 0.12, "BPU", 0.06),
    ("BURUH HARIAN LEPAS", 0.11, "BPU", 0.15),
    ("PEDAGANG", 0.07, "BPU", 0.12),
    ("BURUH TANI/PERKEBUNAN", 0.06, "BPU", 0.05),
    ("TUKANG BATU", 0.03, "JAKON", 0.30),
    ("GURU", 0.025, "PU", 0.30),
    ("PEGAWAI NEGERI SIPIL", 0.02, "PU", 0.03),
    ("SOPIR", 0.02, "BPU", 0.20),
    ("KARYAWAN HONORER", 0.015, "PU", 0.50),
    ("TUKANG KAYU", 0.01, "JAKON", 0.25),
    ("PETERNAK", 0.01, "BPU", 0.05),
    ("PENJAHIT", 0.01, "BPU", 0.10),
    ("MEKANIK", 0.01, "PU", 0.35),
    ("PERANGKAT DESA", 0.006, "PU", 0.85),
    ("TENTARA NASIONAL INDONESIA", 0.003, "PU", 0.0),
    ("KEPOLISIAN RI", 0.003, "PU", 0.0),
    ("NELAYAN/PERIKANAN", 0.002, "BPU", 0.08),
    ("TUKANG LAS/PANDAI BESI", 0.004, "BPU", 0.15),
    ("INDUSTRI", 0.017, "PU", 0.5),
)
NOT_WORKING = {
    "child": "BELUM/TIDAK BEKERJA",
    "student": "PELAJAR/MAHASISWA",
    "home": "MENGURUS RUMAH TANGGA",
    "retired": "PENSIUNAN",
    "none": "BELUM/TIDAK BEKERJA",
}

BIRTH_PLACES = (
    ("MOJOKERTO", 0.78),
    ("SIDOARJO", 0.04),
    ("JOMBANG", 0.05),
    ("SURABAYA", 0.04),
    ("PASURUAN", 0.02),
    ("LAMONGAN", 0.02),
    ("MALANG", 0.02),
    ("KEDIRI", 0.015),
    ("NGANJUK", 0.015),
)

# Kecamatan codes outside the regency that commuting or migrant members come from.
OUTSIDE_DISTRICTS = ("351501", "351502", "351503", "357601", "357602", "351701", "357801")

KUR_BANKS = (
    ("BRI", 0.55),
    ("BANK JATIM", 0.12),
    ("BNI", 0.1),
    ("BANK MANDIRI", 0.1),
    ("BSI", 0.06),
    ("BTN", 0.04),
    ("BCA", 0.03),
)
VILLAGE_POSITIONS = (
    ("KEPALA DESA", 1),
    ("SEKRETARIS DESA", 1),
    ("KASI PEMERINTAHAN", 1),
    ("KASI KESEJAHTERAAN", 1),
    ("KAUR KEUANGAN", 1),
    ("KAUR UMUM", 1),
    ("KEPALA DUSUN", 3),
    ("ANGGOTA BPD", 5),
    ("PENGURUS LPM", 3),
    ("PENGELOLA BUMDES", 2),
)
SECTORS = (
    ("Industri pengolahan", 3, 0.35),
    ("Perdagangan", 1, 0.25),
    ("Konstruksi", 4, 0.08),
    ("Pertanian", 2, 0.07),
    ("Jasa", 1, 0.15),
    ("Transportasi", 3, 0.05),
    ("Pertambangan dan penggalian", 5, 0.05),
)
DUSUN = (
    "KRAJAN SUMBERSARI NGRAMBANG KEDUNGSARI SUKOREJO TEGALREJO PUNDEN MOJOREJO KARANGANYAR "
    "GEMPOL WATES NGASEM SIDOMULYO KEBONAGUNG PULOREJO BANJARSARI"
).split()
