"""Line rules that name a widget must not take news sentences that mention the same words."""

import pytest

from workers.cleaning.boilerplate import Rules

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
    ],
)
def test_line_class(line, expected):
    assert RULES.line_class(line) == expected
