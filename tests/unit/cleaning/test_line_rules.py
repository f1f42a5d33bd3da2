"""Line rules that name a widget must not take news sentences that mention the same words."""

import pytest

from workers.cleaning.blocks import split_blocks
from workers.cleaning.boilerplate import Rules, classify_blocks
from workers.model import RawPage

RULES = Rules.load()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("تابع الخليج على Google News", "widget"),
        ("Follow us on Google News", "widget"),
        ("أعلنت غوغل تحديث خدمة جوجل نيوز لتشمل مصادر عربية جديدة.", None),
        ("لمتابعة أهم الأخبار عبر تطبيق واتساب اضغط هنا", "widget"),
        ("رابط دائم https://p.example.org/p/4xYz", "widget"),
        ("وقال الوزير إن الرابط https://example.org يتيح التسجيل في البرنامج حتى نهاية الشهر.", None),
        ("— Emmanuel Macron (@EmmanuelMacron) November 23, 2026", "widget"),
        ("نشر في: 23 نوفمبر ,2026: 10:45 ص GST آخر تحديث: 23 نوفمبر ,2026: 12:10 م GST", "date"),
        ("نشر الجيش 500 جندي إضافي على الحدود الشمالية، وفق بيان رسمي صدر اليوم.", None),
        ("الصفحة التالية", "navigation"),
        ("لا يفوتك", "teaser_marker"),
        ("الدولار 48.25 ▲ 0.12%", "widget"),
        ("الذهب عيار 21: 3650 جنيه", "widget"),
        ("الدولار يرتفع إلى 50 جنيهاً", None),
        ("الجنيه المصري يتراجع أمام الدولار 0.5%", None),
        ("مدة الفيديو 02:15", "widget"),
        ("فيديوهات ذات صلة", "teaser_marker"),
        ("مقالات أخرى للكاتب", "teaser_marker"),
        ("المقال التالي", "teaser_marker"),
        ("Lire aussi", "teaser_marker"),
        ("Publié le 24/11/2026 à 10:30", "date"),
        ("Partager", "widget"),
        ("-انتهى-", "artifact"),
        ("انتهى الاجتماع", None),
        ("1 / 6", "navigation"),
        ("الصورة 2 من 8", "navigation"),
        ("كلمات دالة:", "navigation"),
        ("مواقيت الصلاة", "widget"),
        ("المغرب 5:09", "widget"),
        ("المغرب 2 - 1 الجزائر", None),
        ("10:45", "date"),
        ("A A A", "widget"),
        ("أرسل لصديق", "widget"),
        ("مشاركة عبر واتساب", "widget"),
        ("شارك في الاجتماع وزراء الخارجية العرب", None),
        ("1.2 ألف مشاهدة", "widget"),
        ("1.2 مليون مشاهد تابعوا المباراة", None),
        ("3 دقائق قراءة", "widget"),
        ("3 دقائق من الصمت حداداً على الضحايا", None),
        ("شاهد البث المباشر", "widget"),
        ("بث مباشر", None),  # a menu item as often as a button: left to the menu rules
        ("استمع إلى هذا المقال", "widget"),
        ("ربما يعجبك أيضاً", "teaser_marker"),
        ("مواد ذات صلة", "teaser_marker"),
        ("ذات صلة:", "teaser_marker"),
        ("خريطة الموقع", "footer"),
        ("Link copied", "widget"),
        ("Read time: 3 min", "widget"),
        ("Already a subscriber? Log in", "widget"),
        ("Comments are closed.", "widget"),
        ("Top Stories", "teaser_marker"),
        ("Top stories of the year were dominated by the war.", None),
        ("More in Middle East", "teaser_marker"),
        ("More in the region, fighting continued overnight.", None),
        ("Sponsored content", "teaser_marker"),
        ("Terms and Conditions", "footer"),
        ("Page 2 of 3", "navigation"),
        ("لمزيد من الأخبار تابعونا على فيسبوك", "widget"),
        ("ما رأيك في هذا الخبر؟", "widget"),
        ("قيّم هذا المقال", "widget"),
        ("تم نسخ الرابط", "widget"),
        ("أرشيف الكاتب", "widget"),
        ("الأخبار العاجلة", "widget"),
        ("أهم الأخبار", "teaser_marker"),
        ("مواضيع:", "navigation"),
        ("مواضيع النقاش شملت الاقتصاد والأمن", None),
        ("الكلمات الدلالية", "navigation"),
        ("تابع الرئيس حديثه قائلاً إن المفاوضات مستمرة", None),
        ("أمس 22:10", "date"),
        ("Today at 10:45 am", "date"),
        ("اليوم 10 آلاف متظاهر في الشوارع", None),
        # chrome of other Arabic news sites (probe pages of 2026-11-24)
        ("ت + ت - الحجم الطبيعي", "widget"),
        ("حجم الخط |", "widget"),
        ("• مشاركة :", "widget"),
        ("whatsapp icon", "widget"),
        ("Sorry, you need to enable JavaScript to visit this website.", "widget"),
        ("اضف تعليقاً واقرأ تعليقات القراء", "widget"),  # a link to the comments, not their heading
        ("أضف تعليقك", "comments_marker"),
        ("تعليقات الزوار", "comments_marker"),  # hespress
        ("1) تعليق بواسطة :", "comments_marker"),  # ammonnews: the first comment's header
        ("تعليق بواسطة الوزير على القرار أثار جدلاً واسعاً في البرلمان.", None),
        ("مرتبطة", "teaser_marker"),  # hespress: its related-articles box
        ("2 تعليقات على “الصحة تطلق حملة التطعيم ضد الإنفلونزا الموسمية”", "comments_marker"),  # WordPress
        ("One response to “Storm hits the coast”", "comments_marker"),
        ("3 تعليقات على «تويتر» أثارت جدلاً واسعاً بين النواب في جلسة أمس", None),
        ("اكتب تعليقك على ما قاله الوزير في مؤتمره الصحفي أمس حول خطة الحكومة لمواجهة الغلاء", None),
        ("مرتبطة بالقرار خطوات أخرى ستعلنها الحكومة خلال الأسبوع المقبل.", None),
        ("تابعوا أخبارنا على تلغرام https://t.me/example", "widget"),
        ("تابع المحققون حسابات على تلغرام تروج للعنف، وفق بيان النيابة.", None),
        ("توقيت القاهرة المحلي 21:29:50 آخر تحديث", "widget"),
        ("• المغرب", "widget"),  # a prayer-times widget's line
        ("date 2026-02-22 إعلان", "date"),
        ("العدد 10813 الجمعة 16 نوفمبر 2018 الموافق 8 ربيع الأول 1440", "date"),
        ("• السبت 27 ربيع الأول 1439هـ - 16 ديسمبر 2017م", "date"),
        ("الإثنين 11 سبتمبر 2017 على الساعة 18:09", "date"),
        ("21 21:46 2019 أوت", "date"),
        ("الأحد 26 أكتوبر 2025 09:07 صـ 4 جمادى أول 1447 هـ", "date"),
        ("الجمعة 19 ابريل 2024 أبوظبي الإمارات", "date"),
        ("الاثنين 23 نوفمبر 2026 تسجيل الدخول", None),  # a top bar: left to the h1 rule
        ("- الأكثر قراءة", "teaser_marker"),
        ("تاريخ الخبر: 2022-07-06 21:17:28", "date"),
        ("تاريخ المنطقة يعود إلى عام 1200 قبل الميلاد", None),
        ("2015-04-23 الساعة 05:35م (يمن سكاي - متابعة خاصة)", "date"),
        ("سياسة 29-03-2025, 12:39 | --", "date"),
        ("منذ 6 سنوات | صحف / مونت كارلو", "date"),
        ("منذ 6 سنوات والمدينة تنتظر افتتاح المستشفى", None),
        ("ادارة الموقع لا تتبنى وجهة نظر الكاتب او الخبر المنشور", "footer"),
        ("3. تخطي إلى المزيد من صفحات DW", "navigation"),
        ("كلمات دلالية: الخرطوم الدعم السريع", "navigation"),
        ("الرئيسية » في الأخبار أيضا", "navigation"),
        ("مدار الساعة,أسرار أردنية,وكالة الأنباء الأردنية,وزارة الخارجية", "navigation"),
        ("زار الوفد مصر، الأردن، لبنان، سوريا، العراق، وتونس", None),
        ("post-title", "artifact"),
        ("نقاش حول هذا المنشور", "comments_marker"),
        ("1. يقول عربي مهموم:", "comments_marker"),  # a WordPress comment's header
        ("يقول الكاتب:", None),  # a line introducing a quote
        ("أرسل تعليقك", "comments_marker"),
        ("■ ■ ■", "artifact"),
        ("- Advertisement -", "widget"),
        ("ليست هناك تعليقات:", "widget"),
        ("أحدث المقالات", "teaser_marker"),  # a WordPress sidebar's widget heading
        ("Recent Posts", "teaser_marker"),
        ("أحدث المقالات العلمية تؤكد فاعلية اللقاح لدى كبار السن", None),
        ("list of 4 items", "teaser_marker"),  # aljazeera's in-story list, for screen readers
        ("list 2 of 4", "widget"),
        ("end of list", "widget"),
        ("محتوى مدعوم", "teaser_marker"),  # the heading of a promoted-links box
        ("Taboola", "widget"),
        ("محتوى مدعوم من الحكومة لتدريب المعلمين على المناهج الجديدة", None),
        ("عرض هذا المنشور على Instagram", "widget"),
        ("\u200fتمت مشاركة منشور بواسطة \u200f\u200eالقاهرة 24\u200e\u200f (@cairo24_)", "widget"),
        ("منشور بواسطة \u200eسناء بنعلي - Sanaa Benali\u200e في الأحد، ١٢ أكتوبر ٢٠٢٥", "widget"),
        ("@sanaa.benali رسالتي لشركات الإنتاج #دراما ♬ الصوت الأصلي - سناء بنعلي", "widget"),
        ("استمع إلى المقال 00:00 / 03:12 1x", "widget"),
        ("نعم لا صوّت", "widget"),
        ("تابع صفحتنا على أخبار جوجل", "widget"),
        ("نشر في صناعة", "navigation"),  # WordPress: "posted in <category>"
        ("نشر في الجريدة الرسمية قرار بتعيين الوزير الجديد", None),
        ("البحث عن:", "widget"),
        ("أفضل مشاهدة بدقة 800×600", "footer"),
        ("أفضل مشاهدة للمباراة كانت من المدرجات الشمالية حيث تجمع آلاف المشجعين منذ الصباح", None),
        ("إرسال تعليق", "widget"),
        ("هذا المحتوى من «المصري اليوم».. اضغط هنا لقراءة الموضوع الأصلي والتعليق عليه", "widget"),
        ("LOC11:02", "date"),
        ("Vous avez un compte ? Connectez-vous", "widget"),
        ("Les commentaires sont désactivés pour cet publication.", "widget"),
        ("Article archivéCet article est réservé aux abonnés", "widget"),
        ("Les abonnés ont réservé leur place au stade pour le match de dimanche soir.", None),
        ("Pingback: Algérie/Les frontières terrestres resteront fermées", "widget"),
        ("[youtube https://www.youtube.com/watch?v=abc123]", "widget"),
        ("4 عرض المعرض", "widget"),
        ("• English", "navigation"),
        ("سياسة 26-09-2025 | 17:20", "date"),
        ("الأحد 19 أكتوبر 2025 09:42 م / بتوقيت القدس +2GMT", "date"),
        ("الأحد 19 أكتوبر 2025 افتتح الوزير المعرض الدولي للكتاب في الساعة 10:30 صباحا بحضور السفراء", None),
        ("نشرت في", "date"),
        ("مصرس٢٢-٠٢-٢٠٢٥", "date"),
        ("Smaller Bigger", "widget"),
        ("التعليقات مغلقة", "widget"),
        ("جنوب فلسطين FM 96.8", "widget"),
        ("À lire : El Jadida se fait belle pour accueillir le roi", "teaser_marker"),
    ],
)
def test_line_class(line, expected):
    assert RULES.line_class(line) == expected


@pytest.mark.parametrize(
    ("line", "byline", "credit"),
    [
        ("نيويورك - الأناضول", True, True),  # a dateline alone on its line: never a caption
        ("(د ب أ)", True, True),  # an agency alone after the text: its source, not a caption
        ("(تصوير: محمد علي)", False, True),
        ("مصدر الخبر: وكالات", True, False),
        ("ترجمة: عبد الله محمد", True, False),
        ("ترجمة الكتاب صدرت عن دار النشر العام الماضي", False, False),
        ("أبو ظبي - (وام)", True, True),
        ("القاهرة - أحمد سمير", False, False),  # a correspondent's name: kept, not a caption either
        ("جنود في الخليل - رويترز", False, True),  # a caption with a bare credit
        ("قوات حفظ السلام في جوبا (الأمم المتحدة)", False, True),
        ("صورة أرشيفية", False, True),  # a photo's credit line on its own is a caption
        ("Getty Images", False, True),
        ("جانب من الاحتجاجات في وسط المدينة (سكاي نيوز عربية)", False, True),
        ("صورة نشرها الجيش على حسابه (تويتر)", False, True),
        ("لقاء الوزيرين في العاصمة (وزارة الدفاع الروسية)", False, True),
        ("صورة أرشيفية للاجتماع الأخير للمجلس", False, False),
    ],
)
def test_datelines_are_bylines_and_captions_keep_their_credit(line, byline, credit):
    assert RULES.is_byline(line) is byline
    assert RULES.has_credit(line) is credit


@pytest.mark.parametrize(
    ("lines", "footer"),
    [
        # a role alone, then the name under it; the pair printed twice
        (["رئيس مجلسى الإدارة والتحرير", "محمد الباز", "رئيس مجلسي الإدارة والتحرير", "محمد الباز"], [True] * 4),
        (["الإشراف العام", "إلهام أبو الفتح", "رئيس التحرير", "أحمــد صبـري"], [True] * 4),
        (["رئيس التحريرعلى الحوفي", "بوابة اليوم"], [True, False]),  # role and name glued: the next line is not a name
        (["رئيس مجلس الإدارة : د. خالد بن ثاني آل ثاني"], [True]),
        # headlines and prose that start with a role
        (["رئيس التحرير يكتب عن الأزمة", "محمد الباز"], [False, False]),
        (["رئيس مجلس الإدارة يعلن أرباح الشركة للربع الثالث"], [False]),
        (["رئيس التحرير: الأزمة مستمرة."], [False]),
    ],
)
def test_masthead_lines_are_the_footer(lines, footer):
    blocks = split_blocks(RawPage("p", "s", None, "text/plain", "\n".join(lines), None, None, "0" * 64))
    labels = classify_blocks(blocks, RULES)
    assert [labels.get(b.index) == "footer" for b in blocks] == footer


@pytest.mark.parametrize(
    ("line", "expected_class", "credit"),
    [
        ("الرئيس الفرنسي في قصر الإليزيه، باريس، 14 نوفمبر 2025. © رويترز", None, True),
        ("رئيس الوزراء يلقي كلمة أمام البرلمان في بغداد (© أ ف ب)", None, True),
        ("Protesters gather in the main square of the capital. © AFP", None, True),
        ("© 2025 الجزيرة نت", "footer", False),
        ("© الجزيرة", "footer", False),
        ("Copyright © 2025 Example News", "footer", False),
    ],
)
def test_a_photo_credit_after_a_copyright_sign_is_a_caption_not_the_sites_footer(line, expected_class, credit):
    assert RULES.line_class(line) == expected_class
    if credit:  # (a footer line is removed before anyone asks about its credit)
        assert RULES.has_credit(line)
