import io
import random
from datetime import timedelta

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from PIL import Image, ImageDraw

from articles.models import Article, Byline, Section, Tag
from articles.text import paragraphs_to_html
from authors.models import Author
from images.models import Photo

from .import_story import read_story


def demo_comment():
    """The demo's revision comment, in the newsroom's language (str)."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("Demo content")


SECTIONS = [
    {
        "slug": "society",
        "name_ky": "Коом",
        "slug_ky": "koom",
        "name_ru": "Общество",
        "slug_ru": "obshchestvo",
        "name_en": "Society",
        "slug_en": "society",
        "position": 1,
    },
    {
        "slug": "politics",
        "name_ky": "Саясат",
        "slug_ky": "saiasat",
        "name_ru": "Политика",
        "slug_ru": "politika",
        "name_en": "Politics",
        "slug_en": "politics",
        "position": 2,
    },
    {
        "slug": "economy",
        "name_ky": "Экономика",
        "slug_ky": "ekonomika",
        "name_ru": "Экономика",
        "slug_ru": "ekonomika",
        "name_en": "Economy",
        "slug_en": "economy",
        "position": 3,
    },
]
TAGS = [
    {
        "name_ky": "Коопсуз өлкө",
        "slug_ky": "koopsuz-olko",
        "name_ru": "Безопасная страна",
        "slug_ru": "bezopasnaia-strana",
        "name_en": "Safe Country",
        "slug_en": "safe-country",
    },
    {
        "name_ky": "Бишкек",
        "slug_ky": "bishkek",
        "name_ru": "Бишкек",
        "slug_ru": "bishkek",
        "name_en": "Bishkek",
        "slug_en": "bishkek",
    },
    {
        "name_ky": "Билим берүү",
        "slug_ky": "bilim-beruu",
        "name_ru": "Образование",
        "slug_ru": "obrazovanie",
        "name_en": "Education",
        "slug_en": "education",
    },
]
AUTHORS = [
    {
        "slug": "aigul-sydykova",
        "name_ky": "Айгүл Сыдыкова",
        "name_ru": "Айгуль Сыдыкова",
        "name_en": "Aigul Sydykova",
        "position_ky": "Штаттык кабарчы",
        "position_ru": "Штатный корреспондент",
        "position_en": "Staff correspondent",
        "bio_ky": "Коом жана билим берүү темаларын жазат.",
        "bio_ru": "Пишет об обществе и образовании.",
        "bio_en": "Covers society and education.",
    },
    {
        "slug": "nurlan-asanov",
        "name_ky": "Нурлан Асанов",
        "name_ru": "Нурлан Асанов",
        "name_en": "Nurlan Asanov",
        "position_ky": "Саясий баяндамачы",
        "position_ru": "Политический обозреватель",
        "position_en": "Political columnist",
        "bio_ky": "Парламент жана өкмөт тууралуу жазат.",
        "bio_ru": "Пишет о парламенте и правительстве.",
        "bio_en": "Writes about parliament and the government.",
    },
]
# Stories the team wrote for the demo. Each: section slug, tag slugs (ky), author slugs, hours ago,
# exclusive, its hero photo (colours for the picture drawn by demo_image, alt text and caption),
# and its text per language (headline, lead, body paragraphs).
STORIES = [
    {
        "section": "society",
        "tags": ["koopsuz-olko", "bishkek"],
        "authors": ["aigul-sydykova"],
        "hours": 3,
        "exclusive": True,
        "photo": {
            "sky": ((34, 58, 110), (236, 150, 96)),
            "ground": (52, 52, 64),
            "alt_text_ky": "Кечки асман астындагы тоо кырлары (демо сүрөт)",
            "alt_text_ru": "Горные хребты под вечерним небом (демо-иллюстрация)",
            "caption_ky": "Бишкектин көчөлөрүнө быйыл 500 жаңы видеокамера орнотулду.",
            "caption_ru": "На улицах Бишкека в этом году установили 500 новых видеокамер.",
        },
        "ky": (
            "Бишкекте «Коопсуз өлкө» долбоорунун алкагында 500 жаңы видеокамера орнотулду",
            "Борбор калаанын көчөлөрүнө жана аялдамаларына быйыл 500 жаңы видеокамера орнотулду, деп билдирди "
            "шаардык ички иштер башкармалыгы.",
            [
                "Камералар мектептердин, базарлардын жана коомдук транспорттун аялдамаларынын жанына коюлду.",
                "«Биздин максат — ар бир жаран көчөдө өзүн коопсуз сезиши», — деди башкармалыктын өкүлү.",
                "Кийинки жылы камералардын саны дагы эки эсеге көбөйөт деп күтүлүүдө.",
            ],
        ),
        "ru": (
            "В Бишкеке по проекту «Безопасная страна» установили 500 новых видеокамер",
            "На улицах и остановках столицы в этом году установили 500 новых видеокамер, сообщило городское "
            "управление внутренних дел.",
            [
                "Камеры поставили рядом со школами, рынками и остановками общественного транспорта.",
                "«Наша цель — чтобы каждый горожанин чувствовал себя на улице в безопасности», — сказал "
                "представитель управления.",
                "В следующем году число камер, как ожидается, вырастет ещё вдвое.",
            ],
        ),
    },
    {
        "section": "society",
        "tags": ["bilim-beruu", "bishkek"],
        "authors": ["aigul-sydykova"],
        "hours": 6,
        "exclusive": False,
        "photo": {
            "sky": ((120, 180, 230), (220, 236, 246)),
            "ground": (86, 140, 70),
            "alt_text_ky": "Ачык асман астындагы жашыл адырлар (демо сүрөт)",
            "alt_text_ru": "Зелёные холмы под ясным небом (демо-иллюстрация)",
            "caption_ky": "Жаңы мектепте 48 класс бар.",
            "caption_ru": "В новой школе 48 классов.",
        },
        "ky": (
            "Бишкекте 1200 окуучуга ылайыкталган жаңы мектеп ачылды",
            "Бишкектин түштүк-батыш бөлүгүндө 1200 окуучуга ылайыкталган жаңы мектеп эшигин ачты.",
            [
                "Мектепте 48 класс, спорт зал жана китепкана бар.",
                "Ата-энелер жаңы мектеп кезекти азайтат деп үмүттөнүшөт.",
            ],
        ),
        "ru": (
            "В Бишкеке открылась новая школа на 1200 учеников",
            "В юго-западной части Бишкека открылась новая школа на 1200 учеников.",
            [
                "В школе 48 классов, спортивный зал и библиотека.",
                "Родители надеются, что новая школа сократит очереди.",
            ],
        ),
    },
    {
        "section": "politics",
        "tags": [],
        "authors": ["nurlan-asanov"],
        "hours": 9,
        "exclusive": False,
        "photo": {
            "sky": ((70, 100, 160), (200, 210, 225)),
            "ground": (120, 110, 100),
            "alt_text_ky": "Бозомтук асман астындагы боз тоолор (демо сүрөт)",
            "alt_text_ru": "Серые горы под бледным небом (демо-иллюстрация)",
            "caption_ky": "Депутаттар мыйзам долбоорун биринчи окууда колдошту.",
            "caption_ru": "Депутаты поддержали законопроект в первом чтении.",
        },
        "ky": (
            "Жогорку Кеңеш жергиликтүү шайлоолор тууралуу мыйзам долбоорун биринчи окууда кабыл алды",
            "Депутаттар жергиликтүү кеңештерге шайлоонун тартибин өзгөрткөн мыйзам долбоорун биринчи окууда колдошту.",
            ["Долбоор шайлоо участокторунда видеобайкоону милдеттүү кылат.", "Экинчи окуу кийинки айга пландалууда."],
        ),
        "ru": (
            "Жогорку Кенеш принял в первом чтении законопроект о местных выборах",
            "Депутаты поддержали в первом чтении законопроект, меняющий порядок выборов в местные кенеши.",
            [
                "Проект делает обязательным видеонаблюдение на избирательных участках.",
                "Второе чтение запланировано на следующий месяц.",
            ],
        ),
    },
    {
        "section": "economy",
        "tags": [],
        "authors": ["nurlan-asanov", "aigul-sydykova"],
        "hours": 26,
        "exclusive": False,
        "photo": {
            "sky": ((150, 200, 240), (250, 230, 180)),
            "ground": (180, 150, 60),
            "alt_text_ky": "Күн нуруна бөлөнгөн сары талаа жана тоолор (демо сүрөт)",
            "alt_text_ru": "Жёлтое поле и горы в солнечном свете (демо-иллюстрация)",
            "caption_ky": "Экспорттун өсүшүнүн негизги бөлүгү айыл чарбасына туура келет.",
            "caption_ru": "Основная часть роста экспорта пришлась на сельское хозяйство.",
        },
        "ky": (
            "Кыргызстандын экспорту он айда 12 пайызга өстү",
            "Улуттук статистика комитетинин маалыматына караганда, жылдын он айында экспорт 12 пайызга өскөн.",
            [
                "Өсүштүн негизги бөлүгү айыл чарба продукциясына туура келет.",
                "Эксперттер бул тенденция кийинки жылы да сакталат деп эсептешет.",
            ],
        ),
        "ru": (
            "Экспорт Кыргызстана за десять месяцев вырос на 12 процентов",
            "По данным Национального статистического комитета, за десять месяцев года экспорт вырос на 12 процентов.",
            [
                "Основная часть роста пришлась на сельскохозяйственную продукцию.",
                "Эксперты считают, что тенденция сохранится и в следующем году.",
            ],
        ),
    },
    {
        "section": "society",
        "tags": ["koopsuz-olko"],
        "authors": ["nurlan-asanov"],
        "hours": 30,
        "exclusive": False,
        "photo": {
            "sky": ((60, 140, 210), (170, 220, 240)),
            "ground": (40, 110, 160),
            "alt_text_ky": "Көк көл жана тоо кырлары (демо сүрөт)",
            "alt_text_ru": "Синее озеро и горные хребты (демо-иллюстрация)",
            "caption_ky": "Батальон жээктерде жана эс алуу жайларында кезмет өтөйт.",
            "caption_ru": "Батальон дежурит на пляжах и в местах отдыха.",
        },
        "ky": (
            "Ысык-Көлдө туристтик-экологиялык батальон ишин баштады",
            "Ысык-Көл облусунда туристтик сезондо коомдук тартипти сактоо үчүн атайын батальон түзүлдү.",
            [
                "Батальондун кызматкерлери жээктерде жана эс алуу жайларында кезмет өтөшөт.",
                "Алар заманбап жабдуулар жана санариптик технологиялар менен камсыздалган.",
            ],
        ),
    },
]

REFERENCE_PHOTO = {
    "sky": ((90, 120, 170), (215, 220, 230)),
    "ground": (70, 80, 90),
    "alt_text_ky": "Боз асман астындагы тоолор (демо сүрөт)",
    "alt_text_ru": "Горы под серым небом (демо-иллюстрация)",
    "caption_ky": "Коллегиянын жыйыны.",
    "caption_ru": "Заседание коллегии.",
}
DEMO_PHOTO_CREDIT = "Newsroom (demo)"

DEMO_USERS = [
    ("editor", "Editor", "newsroom-editor-demo"),
    ("journalist", "Journalist", "newsroom-journalist-demo"),
]


class Command(BaseCommand):
    help = (
        "Load the demo content: sections, tags, authors, a handful of stories in ky and ru (one an exclusive), "
        "the reference story from shared/fixtures when that file is present, and a demo editor and journalist. "
        "Safe to run again: what exists is left as it is. Prints the demo logins."
    )

    def handle(self, *args, **options):
        fixture = settings.NEWSROOM_DEMO_FIXTURE
        # Read first: a bad reference file stops the command before it writes anything.
        reference = read_story(fixture) if fixture.exists() else None
        with transaction.atomic():
            sections = {
                row["slug"]: self.upsert(Section, {"slug_ky": row["slug_ky"]}, row, skip=("slug",)) for row in SECTIONS
            }
            tags = {row["slug_ky"]: self.upsert(Tag, {"slug_ky": row["slug_ky"]}, row) for row in TAGS}
            authors = {row["slug"]: self.upsert(Author, {"slug": row["slug"]}, row) for row in AUTHORS}
            users = self.users()
            created = photos = 0
            for row in STORIES:
                # One revision per story, photo included: the first entry of its History is the
                # story as loaded, and reverting to it keeps the photo. Nothing saved, no revision.
                with reversion.create_revision():
                    reversion.set_comment(demo_comment())
                    reversion.set_user(users["Journalist"])
                    created += self.story(row, sections, tags, authors, users)
                    photos += self.hero_photo(Article.objects.get(headline_ky=row["ky"][0]), row["photo"])
        self.stdout.write(f"Demo stories: {created} added, {len(STORIES) - created} already there.")
        self.stdout.write(f"Demo photos: {photos} added.")
        if reference is None:
            self.stdout.write(f"No reference story at {fixture}: skipped.")
        else:
            self.reference_story(fixture, reference.headline, sections["society"], tags["koopsuz-olko"])
        self.stdout.write("Demo logins for the admin at /admin/ (http://127.0.0.1:8000/admin/ with runserver):")
        for username, group_name, password in DEMO_USERS:
            self.stdout.write(f"  {group_name.lower():<11} username {username!r}, password {password!r}")

    def upsert(self, model, lookup, row, skip=()):
        values = {k: v for k, v in row.items() if k not in skip}
        obj, _created = model.objects.get_or_create(**lookup, defaults=values)
        return obj

    def story(self, row, sections, tags, authors, users):
        """Create one demo story unless its Kyrgyz headline exists; returns 1 when created, else 0."""
        if Article.objects.filter(headline_ky=row["ky"][0]).exists():
            return 0
        published_at = timezone.now() - timedelta(hours=row["hours"])
        article = Article(
            section=sections[row["section"]],
            status=Article.Status.PUBLISHED,
            published_at=published_at,
            updated_at=published_at,
            is_exclusive=row["exclusive"],
            exclusive_flagged_at=published_at if row["exclusive"] else None,
            # Written by the demo journalist, the exclusive flagged by the demo editor, as the
            # desk would have it: the admin's "created by" and exclusive columns are not blank.
            created_by=users["Journalist"],
            exclusive_flagged_by=users["Editor"] if row["exclusive"] else None,
        )
        for code in ("ky", "ru", "en"):
            if code in row:
                headline, lead, paragraphs = row[code]
                setattr(article, f"headline_{code}", headline)
                setattr(article, f"lead_{code}", lead)
                setattr(article, f"body_{code}", paragraphs_to_html(paragraphs))
        article.save()
        article.tags.set([tags[slug] for slug in row["tags"]])
        for position, slug in enumerate(row["authors"]):
            Byline.objects.create(article=article, author=authors[slug], position=position)
        return 1

    def hero_photo(self, article, scene):
        """Give ``article`` a hero photo drawn from ``scene`` unless it has one; returns 1 when added, else 0."""
        if article.hero_photo_id:
            return 0
        texts = {k: v for k, v in scene.items() if k not in ("sky", "ground")}
        data = demo_image(scene["sky"], scene["ground"], seed=article.headline_ky)
        photo = Photo(image=ContentFile(data, name="demo.jpg"), credit=DEMO_PHOTO_CREDIT, **texts)
        photo.save()
        article.hero_photo = photo
        article.save(update_fields=["hero_photo"])
        return 1

    def reference_story(self, fixture, headline, section, tag):
        """Import the reference story (``fixture``, a Path, whose headline is ``headline``) unless it
        is there already, then add the demo's tag and photo to it."""
        if not Article.objects.filter(headline_ky=headline).exists():
            call_command(
                "import_story",
                str(fixture),
                "--language",
                "ky",
                "--section",
                section.slug_ky,
                "--publish",
                stdout=io.StringIO(),  # its path is printed below, once, whether imported now or before
            )
        article = Article.objects.get(headline_ky=headline)
        # What the demo adds to the imported story is a revision of its own, after the import's.
        with reversion.create_revision():
            reversion.set_comment(demo_comment())
            if not article.tags.filter(pk=tag.pk).exists():
                article.tags.add(tag)
                reversion.add_to_revision(article)
            self.hero_photo(article, REFERENCE_PHOTO)
        self.stdout.write(f"Reference story: {article.get_absolute_url('ky')}")

    def users(self):
        """The demo editor and journalist, created with their passwords when missing: ``{group name: user}``."""
        User = get_user_model()
        users = {}
        for username, group_name, password in DEMO_USERS:
            user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
            if created:
                user.set_password(password)
                user.save()
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                raise CommandError(f"group {group_name} is missing: run migrate first")
            user.groups.add(group)
            users[group_name] = user
        return users


def demo_image(sky, ground, seed, size=(1600, 1000)):
    """Draw a landscape (a sky from ``sky[0]`` to ``sky[1]``, a sun, three ridges of mountains and a
    ``ground`` colour below, RGB tuples) and return it as JPEG bytes. ``seed`` fixes the ridges, so
    the same story always gets the same picture; nothing is downloaded."""
    width, height = size
    rng = random.Random(seed)
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    (r0, g0, b0), (r1, g1, b1) = sky
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)], fill=(round(r0 + (r1 - r0) * t), round(g0 + (g1 - g0) * t), round(b0 + (b1 - b0) * t))
        )
    sun_x, sun_y = rng.randint(200, width - 200), rng.randint(120, 320)
    draw.ellipse([sun_x - 70, sun_y - 70, sun_x + 70, sun_y + 70], fill=(255, 236, 190))
    for layer, base in enumerate((0.55, 0.65, 0.78)):
        shade = tuple(round(c * (0.55 + 0.15 * (2 - layer)) + 40 * (2 - layer)) for c in ground)
        points, x = [(0, height)], 0
        while x < width:
            points.append((x, round(height * (base - rng.uniform(0.0, 0.22)))))
            x += rng.randint(80, 220)
        points += [(width, round(height * base)), (width, height)]
        draw.polygon(points, fill=shade)
    draw.rectangle([0, round(height * 0.88), width, height], fill=ground)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()
