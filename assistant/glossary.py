"""A small English-Indonesian glossary of the words news questions are asked in.

Across languages a question's words are not a passage's: "Where was Joe Taslim born?" shares no
word with "pria kelahiran Palembang", and multilingual-e5 scores every sentence of an article
about alike. Each line below is one meaning, its English words, then after "/" its Indonesian
ones. `translations` gives a word's forms in the other language: the sentence ranker counts them
in a passage (and looks for a who/which question's kind of thing, "which hospital" -> "RS"), and
retrieval searches the other language's articles with `translated_question`. Common news
vocabulary only, written from general usage; a word spelled alike in both languages ("film",
"internet") has a line only for its other synonyms ("online" / "daring").
"""

from __future__ import annotations

import re
from collections.abc import Set
from functools import lru_cache

from assistant.search_index import stem_en, stem_id
from ingest.quotes import OFFICE_SHORT_FORMS

WORD = re.compile(r"[\w'’-]+")  # a word as the glossary and the answer checks read it

GLOSSARY = """
say said says tell told state stated / kata katanya mengatakan dikatakan ujar ujarnya ucap menyatakan tutur tuturnya ungkap mengungkapkan
announce announced announcement / umumkan mengumumkan diumumkan pengumuman
behalf represent represents represented representing / mewakili perwakilan
speak speaks spoke speaking / bicara berbicara
respond responds responded response / tanggapi menanggapi tanggapan
explain explained / jelaskan menjelaskan dijelaskan
claim claimed / klaim mengklaim diklaim
deny denied / bantah membantah dibantah menyangkal
admit admitted / akui mengakui diakui mengaku
warn warned warning / peringatkan memperingatkan diperingatkan peringatan
ask asked request / minta meminta diminta permintaan
promise promised / janji berjanji menjanjikan
plan plans planned / rencana berencana merencanakan direncanakan
want wants wanted / ingin mau hendak
born birth birthplace / lahir dilahirkan kelahiran
birthday / ultah
die died dead death deaths killed / meninggal tewas wafat kematian terbunuh dibunuh
marry married marriage wedding / menikah nikah pernikahan menikahi dinikahi
engaged engagement propose proposed / tunangan bertunangan lamaran melamar
divorce divorced / cerai bercerai perceraian
wife / istri
husband / suami
son daughter child children / anak putra putri
teenager teenagers teen teens / remaja
mother mom / ibu ibunda
father dad / ayah bapak
family / keluarga
friend friends / teman sahabat
age old aged / usia umur berusia
arrest arrested detain detained / tangkap ditangkap menangkap penangkapan ciduk diciduk mencokok dicokok ditahan menahan penahanan
suspect suspects / tersangka terduga
charge charged accused accuse / didakwa mendakwa dakwaan dituduh menuduh tuduhan
sentence sentenced jail jailed prison / vonis divonis memvonis hukuman dihukum penjara dipenjara bui
fine fined / denda didenda mendenda
court / pengadilan
judge judges / hakim
lawyer lawyers attorney / pengacara advokat
prosecutor prosecutors / jaksa penuntut
trial hearing / sidang persidangan
verdict ruling / putusan vonis
appeal / banding
sue sued lawsuit / gugat menggugat digugat gugatan
investigate investigation investigator / menyelidiki diselidiki penyelidikan penyidik penyidikan
examine examined questioned / diperiksa memeriksa pemeriksaan
witness / saksi
victim victims / korban
police policeman / polisi kepolisian polri polda
attack attacked attacker attackers / menyerang serangan diserang penyerang penyerangan
bomb bombing bombs / bom pengeboman
terror terrorist terrorism / teror teroris terorisme
corruption graft bribe bribes / korupsi suap rasuah
steal stole theft / mencuri dicuri pencurian
drug drugs narcotics / narkoba narkotika
government / pemerintah
president / presiden
minister / menteri
ministry / kementerian
governor / gubernur
mayor / wali walikota
regent / bupati
parliament lawmakers / parlemen dpr
party / partai
election elections vote votes / pemilu pemilihan pilkada suara
candidate candidates / calon kandidat
leader leaders lead led / pemimpin memimpin dipimpin pimpinan
head heads chief boss / kepala ketua bos pimpinan
chairman chairwoman chairperson chair chaired / ketua mengetuai diketuai
director / direktur sutradara
founder founded / pendiri mendirikan didirikan
owner owns owned / pemilik memiliki dimiliki milik
member members / anggota
spokesman spokeswoman spokesperson / jubir juru humas
official officials / pejabat
expert analyst / pakar ahli pengamat analis
researcher / peneliti
ambassador / duta dubes
soldier soldiers army military / tentara prajurit militer
company companies firm firms / perusahaan firma
shares stock / saham
price prices priced / harga banderol dibanderol seharga
cost costs / biaya harga ongkos
pay paid payment / bayar membayar pembayaran dibayar
buy bought purchase / beli membeli pembelian dibeli
sell sold sales / jual menjual penjualan dijual terjual
profit profits / laba keuntungan
loss losses / rugi kerugian merugi merugikan
revenue / pendapatan
debt debts / utang
tax taxes / pajak
budget / anggaran
money / uang dana
fund funds funding / dana pendanaan suntikan
worth value valued / nilai senilai bernilai
fee fees / biaya tarif mahar
compensation / kompensasi
invest invested investment investor investors / investasi investor berinvestasi menanamkan menggelontorkan
loan lend lent / pinjaman meminjamkan dipinjamkan
raise raised / menggalang meraih raihan menghimpun
market / pasar
customer customers / pelanggan
user users / pengguna
worker workers employee employees staff / pekerja karyawan pegawai buruh
fisherman fishermen / nelayan
fish fishing / ikan melaut memancing
job jobs / pekerjaan kerja
union unions / serikat
strike / mogok
salary wage wages / gaji upah
increase rise rose grew / naik kenaikan meningkat peningkatan bertambah
fall fell drop dropped decline / turun penurunan anjlok merosot
cut cuts / pangkas memangkas dipangkas pemangkasan
ban banned / melarang dilarang larangan
allow allowed / mengizinkan diizinkan boleh
permit licence license / izin
open opened opening / buka membuka dibuka pembukaan
close closed closure / tutup menutup ditutup penutupan
build built construction / membangun dibangun pembangunan
launch launched / meluncurkan diluncurkan peluncuran
release released / rilis merilis dirilis
start started begin began / mulai memulai dimulai
end ended finish finished / selesai berakhir akhir
delay delayed postpone postponed / menunda ditunda penundaan diundur
cancel cancelled / batal membatalkan dibatalkan
reject rejected refuse refused / menolak ditolak penolakan
approve approved agree agreed agreement deal / setuju menyetujui disetujui kesepakatan sepakat menyepakati
support supported / mendukung didukung dukungan
oppose opposed protest / protes menentang unjuk demo
sign signed / menandatangani teken meneken penandatanganan
meet met meeting / bertemu menemui pertemuan rapat
negotiation negotiations negotiate talks / negosiasi perundingan berunding pembicaraan
ceasefire truce / gencatan
war / perang
peace / damai perdamaian
visit visited / mengunjungi dikunjungi kunjungan berkunjung
return returned / kembali
leave left quit resign resigned / keluar mundur mengundurkan hengkang meninggalkan
replace replaced / mengganti menggantikan digantikan pengganti
appoint appointed named / diangkat mengangkat ditunjuk menunjuk
fired sacked / memecat dipecat pemecatan
join joined / bergabung
move moved / pindah
send sent / mengirim mengirimkan dikirim
receive received / menerima diterima
give gave given / memberi memberikan diberikan
win won winner / menang memenangi memenangkan juara kemenangan pemenang
lose lost / kalah kekalahan
beat defeated / mengalahkan dikalahkan
score scored goal goals / mencetak dicetak gol skor
match game / laga pertandingan
team / tim
club / klub
coach / pelatih
referee / wasit
producer / produser
designer / perancang desainer
player players / pemain
champion title / juara gelar
tournament competition / turnamen kompetisi
season / musim
medal / medali
actor actress star starring / aktor aktris bintang membintangi pemeran
character role / karakter peran berperan memerankan
play plays played / main bermain berperan memerankan
singer vocalist / penyanyi vokalis
band group / band grup
song songs / lagu
concert / konser
award awards prize / penghargaan anugerah
book / buku
writer author wrote written / penulis menulis ditulis
website site / situs
app application / aplikasi
phone phones / ponsel telepon
internet online / internet daring
school / sekolah
student students / siswa mahasiswa pelajar
teacher / guru
university campus / universitas kampus
hospital / rs
doctor doctors / dokter
patient patients / pasien
disease illness sick / penyakit sakit
treatment treated / perawatan dirawat pengobatan
vaccine / vaksin
flood floods / banjir
earthquake / gempa
fire blaze / kebakaran
accident crash / kecelakaan
ship boat / kapal perahu
plane aircraft / pesawat
airport / bandara
car cars vehicle / mobil kendaraan
road / jalan
bridge / jembatan
building / gedung bangunan
house home / rumah
city / kota
village / desa
island / pulau
country countries / negara
province / provinsi
region area / daerah wilayah kawasan
people residents citizens / warga penduduk masyarakat orang
reason why because / alasan karena sebab
cause causes caused / penyebab menyebabkan disebabkan
rank ranks ranked ranking / peringkat
first / pertama
last final / terakhir
new / baru
former / mantan
largest biggest / terbesar
highest / tertinggi
economy economic / ekonomi perekonomian
finance financial / keuangan finansial
spend spent spending expenditure / belanja pengeluaran membelanjakan menghabiskan
capital / modal
quarter quarterly / kuartal triwulan
growth / pertumbuhan
trade / perdagangan dagang
export exports / ekspor
import imports / impor
industry / industri
energy / energi
oil / minyak
electricity / listrik
food / pangan makanan
farmer farmers / petani
land / lahan tanah
forest / hutan
sea / laut
river / sungai
lake / danau
mountain / gunung
park / taman
tourist tourists tourism visitors / wisatawan turis wisman pariwisata pengunjung
foreign / asing mancanegara
national / nasional
international / internasional
security / keamanan
defence defense / pertahanan
health / kesehatan
education / pendidikan
transport transportation / perhubungan transportasi
religion religious / agama keagamaan
post position / jabatan menjabat
general / jenderal
secretary / sekretaris sekjen
deputy vice / wakil
report reported / laporan melaporkan dilaporkan lapor
complaint complaints / pengaduan keluhan aduan
rule rules regulation / aturan peraturan regulasi
law laws / undang-undang hukum uu ruu
year years / tahun
month months / bulan
week weeks / minggu pekan
day days / hari
event events / acara ajang
ceremony ceremonies / upacara seremoni
organize organise organized organised organizer organiser / menyelenggarakan diselenggarakan penyelenggara penyelenggaraan digelar menggelar dihelat menghelat
inaugurate inaugurated / meresmikan diresmikan peresmian
sworn inaugurated inauguration / dilantik melantik pelantikan
celebrate celebrated celebration / merayakan dirayakan perayaan
nominee nominees nominate nominated nomination / nominasi dinominasikan menominasikan
pre-order preorder preorders / pesanan memesan dipesan pemesanan
instruct instructed instruction / instruksi menginstruksikan perintah memerintahkan diperintahkan
stake stakes ownership / kepemilikan
offer offered bid / tawaran menawarkan ditawarkan penawaran
auction auctioned tender / lelang dilelang melelang
takeover acquisition acquire acquired / akuisisi mengakuisisi diakuisisi pengambilalihan
fare fares tariff tariffs / tarif ongkos
rent rental / sewa menyewa disewa menyewakan
bankrupt bankruptcy / bangkrut pailit kebangkrutan
percent percentage / persen persentase
hundred hundreds / ratus ratusan
thousand thousands / ribu ribuan
million millions / juta jutaan
billion billions / miliar
trillion / triliun
dollar dollars / dolar
factory factories / pabrik
product products / produk
gift gifts / hadiah kado
voter voters / pemilih
seat seats / kursi
campaign campaigns / kampanye berkampanye
coalition / koalisi
cabinet / kabinet
policy policies / kebijakan
decision decide decided / keputusan memutuskan diputuskan
sanction sanctions / sanksi
treaty pact / perjanjian pakta
summit / ktt
conference / konferensi
embassy / kedutaan kedubes
border borders / perbatasan
refugee refugees / pengungsi mengungsi
evacuate evacuated evacuation / evakuasi dievakuasi mengevakuasi
injured injury injuries wounded / luka terluka cedera
missing disappeared / hilang menghilang
rescue rescued / menyelamatkan diselamatkan penyelamatan
help helped / bantuan membantu dibantu
nurse nurses / perawat
pandemic outbreak epidemic / pandemi wabah epidemi
weapon weapons gun guns firearm / senjata senpi
shoot shooting shot / tembak menembak ditembak penembakan
kidnap kidnapped abduct abducted / menculik diculik penculikan
murder murdered / pembunuhan pembunuh
fraud scam / penipuan menipu ditipu
robbery robbed / perampokan merampok dirampok
raid raided / razia menggerebek digerebek penggerebekan
evidence proof / bukti
guilty / bersalah
freed / dibebaskan membebaskan pembebasan
journalist journalists / wartawan jurnalis
interview interviewed / wawancara diwawancarai mewawancarai
statement statements / pernyataan keterangan
hack hacked hacker hackers / meretas diretas peretas peretasan
upload uploaded / unggah mengunggah diunggah unggahan
photo photos photograph / foto
movie movies / film
cinema cinemas / bioskop
broadcast broadcasts televised / tayang ditayangkan menayangkan penayangan siaran disiarkan
perform performed / tampil menampilkan ditampilkan
audience spectators viewers / penonton pemirsa
fan fans / penggemar
athlete athletes / atlet
passenger passengers / penumpang
flight flights / penerbangan
airline airlines / maskapai
hour hours / jam
drink drinks drank / minum minuman meminum diminum
bed beds / ranjang kasur
satellite satellites / satelit
connection connected connect / koneksi terhubung sambungan
project projects / proyek
contract contracts / kontrak
tour toured / tur lawatan
ticket tickets / tiket karcis
landslide landslides / longsor
eruption erupted / erupsi meletus letusan
funeral burial buried / pemakaman dimakamkan
survey poll polls / survei jajak
"""


def _lines() -> list[tuple[list[str], list[str]]]:
    return [
        (english.split(), indonesian.split())
        for english, indonesian in (line.split("/") for line in GLOSSARY.strip().splitlines())
    ]


@lru_cache(maxsize=1)
def _translation_table() -> dict[str, frozenset[str]]:
    """English words by their stem ("announcing" is looked up as "announc") to the Indonesian
    words as written, and Indonesian words as written to the English words' stems. Indonesian
    is not stemmed: its stemmer makes "mengumumkan" (announce) "umum" (general) and "terbesar"
    (biggest) "besar" (big)."""
    table: dict[str, set[str]] = {}
    for english, indonesian in _lines():
        english_stems = {stem_en(word) for word in english}
        for stem in english_stems:
            table.setdefault(stem, set()).update(indonesian)
        for word in indonesian:
            table.setdefault(word, set()).update(english_stems)
    return {key: frozenset(forms) for key, forms in table.items()}


def translations(word: str) -> frozenset[str]:
    """A question word's translations as `written_forms` gives a sentence's words."""
    table = _translation_table()
    word = word.lower()
    return table.get(word, frozenset()) | table.get(stem_en(word), frozenset())


def written_forms(text: str) -> set[str]:
    """The words of `text` in lower case, without an Indonesian "-nya" ("istrinya" is "istri"),
    and their English stems: what `translations` gives. An office written short stands for its
    words too: "Menristekdikti" is a "menteri" (`ingest.quotes.OFFICE_SHORT_FORMS`)."""
    words = {w.lower() for w in WORD.findall(text)}
    words |= {w[:-3] for w in words if len(w) > 6 and w.endswith("nya")}
    words |= {part for word in words & OFFICE_SHORT_FORMS.keys() for part in OFFICE_SHORT_FORMS[word].split()}  # fmt: skip
    return words | {stem_en(w) for w in words}


def translated_question(question: str, names: Set[str] = frozenset()) -> str:
    """The words of `question` the glossary knows, in the other language, for a lexical search
    of the other language's articles: one word for each stem ("kata", "katanya", "mengatakan"
    would weigh a saying three times in BM25). `names` (lower case) are not translated: "Sue
    Grafton" is no lawsuit."""
    by_stem: dict[str, str] = {}
    for word in WORD.findall(question):
        if word.lower() not in names:
            for form in sorted(translations(word)):
                by_stem.setdefault(stem_id(form), form)
    return " ".join(sorted(by_stem.values()))
