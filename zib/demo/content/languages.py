# ruff: noqa: E501 (long translated sentences read better unbroken)
"""Translations for the demo: start page, "Über das ZIB" and the campaign week in English, Arabic, Ukrainian.

They are made the way editors make them, through wagtail-localize (source
snapshot, translated strings, published translation), and show both
notices a visitor can meet:

- the Ukrainian "Über das ZIB" was translated from an earlier German text,
  so it says that the German version has changed since (outdated);
- every other page (e.g. the team page) is not translated: /en/team/ shows
  the German page with a "not yet translated" notice.
"""

from wagtail.models import Locale, Page

from zib.languages import services

LANGUAGES = ("en", "ar", "uk")

# The German teaser of "Über das ZIB" before its second sentence was added:
# the Ukrainian translation was made from this text.
EARLIER_ABOUT_TEASER = (
    "Das Zuwanderungs- und Integrationsbüro (ZIB) engagiert sich für Chancengleichheit und ein gutes "
    "Zusammenleben von zugewanderten und alteingesessenen Saarbrückerinnen und Saarbrückern."
)

TRANSLATIONS = {
    # Start page
    "Zuwanderungs- und Integrationsbüro": {
        "en": "Immigration and Integration Office",
        "ar": "مكتب الهجرة والاندماج",
        "uk": "Бюро з питань імміграції та інтеграції",
    },
    "Zuwanderungs- und Integrationsbüro Saarbrücken": {
        "en": "Immigration and Integration Office Saarbrücken",
        "ar": "مكتب الهجرة والاندماج في زاربروكن",
        "uk": "Бюро з питань імміграції та інтеграції Саарбрюккена",
    },
    "Das Zuwanderungs- und Integrationsbüro (ZIB) der Landeshauptstadt Saarbrücken: Aktuelles, "
    "Veranstaltungen, Podcast, Team und Förderung.": {
        "en": "The Immigration and Integration Office (ZIB) of the state capital Saarbrücken: news, events, "
        "podcast, team and funding.",
        "ar": "مكتب الهجرة والاندماج (ZIB) في عاصمة الولاية زاربروكن: الأخبار والفعاليات والبودكاست والفريق "
        "والتمويل.",
        "uk": "Бюро з питань імміграції та інтеграції (ZIB) столиці землі Саарбрюккен: новини, заходи, подкаст, "
        "команда та фінансування.",
    },
    EARLIER_ABOUT_TEASER: {
        "en": "The Immigration and Integration Office (ZIB) works for equal opportunities and good relations "
        "between immigrant and long-established residents of Saarbrücken.",
        "ar": "يعمل مكتب الهجرة والاندماج (ZIB) من أجل تكافؤ الفرص والعيش المشترك الجيد بين سكان زاربروكن من "
        "المهاجرين والمقيمين منذ زمن طويل.",
        "uk": "Бюро з питань імміграції та інтеграції (ZIB) дбає про рівні можливості та добре співжиття "
        "мешканців Саарбрюккена — як тих, хто приїхав, так і тих, хто живе тут давно.",
    },
    # Über das ZIB
    "Über das ZIB": {"en": "About the ZIB", "ar": "عن المكتب", "uk": "Про ZIB"},
    "Aufgaben und Organisation des Zuwanderungs- und Integrationsbüros Saarbrücken.": {
        "en": "Tasks and organisation of the Immigration and Integration Office Saarbrücken.",
        "ar": "مهام مكتب الهجرة والاندماج في زاربروكن وتنظيمه.",
        "uk": "Завдання та організація Бюро з питань імміграції та інтеграції Саарбрюккена.",
    },
    EARLIER_ABOUT_TEASER
    + " Als Stabsstelle ist es im Dezernat für Finanzen und Nachhaltigkeit angesiedelt.": {
        "en": "The Immigration and Integration Office (ZIB) works for equal opportunities and good relations "
        "between immigrant and long-established residents of Saarbrücken. As a staff unit it is part of the "
        "department for finance and sustainability.",
        "ar": "يعمل مكتب الهجرة والاندماج (ZIB) من أجل تكافؤ الفرص والعيش المشترك الجيد بين سكان زاربروكن من "
        "المهاجرين والمقيمين منذ زمن طويل. وهو وحدة تابعة مباشرة لدائرة المالية والاستدامة.",
    },
    "Das Zuwanderungs- und Integrationsbüro wurde 2003 eingerichtet. Es ist als Stabsstelle im Dezernat für "
    "Finanzen und Nachhaltigkeit angesiedelt. Zum ZIB gehört auch die Geschäftsstelle des Integrationsbeirats.": {
        "en": "The Immigration and Integration Office was set up in 2003. It is a staff unit in the department "
        "for finance and sustainability. The ZIB also houses the office of the Integration Council.",
        "ar": "أُنشئ مكتب الهجرة والاندماج عام 2003، وهو وحدة تابعة لدائرة المالية والاستدامة. ويضم المكتب أيضًا "
        "أمانة مجلس الاندماج.",
        "uk": "Бюро з питань імміграції та інтеграції створено у 2003 році. Воно є штабним підрозділом у "
        "департаменті фінансів і сталого розвитку. До ZIB також належить секретаріат Ради з інтеграції.",
    },
    "Was macht eigentlich das ZIB?": {
        "en": "What does the ZIB actually do?",
        "ar": "ماذا يفعل المكتب فعلًا؟",
        "uk": "Чим насправді займається ZIB?",
    },
    "Das Zuwanderungs- und Integrationsbüro (ZIB) ist als Stabsstelle im Dezernat für Finanzen und "
    "Nachhaltigkeit angesiedelt. Zu seinen Aufgaben gehört die Entwicklung von Strategien im Umgang mit "
    "Migration und Vielfalt in der Kommune.": {
        "en": "The Immigration and Integration Office (ZIB) is a staff unit in the department for finance and "
        "sustainability. Its tasks include developing strategies for dealing with migration and diversity in "
        "the city.",
        "ar": "مكتب الهجرة والاندماج (ZIB) وحدة تابعة لدائرة المالية والاستدامة. ومن مهامه وضع استراتيجيات "
        "للتعامل مع الهجرة والتنوع في المدينة.",
        "uk": "Бюро з питань імміграції та інтеграції (ZIB) є штабним підрозділом у департаменті фінансів і "
        "сталого розвитку. До його завдань належить розроблення стратегій щодо міграції та різноманіття в місті.",
    },
    "Das ZIB stößt neue Projekte im Bereich der kommunalen Integrationsarbeit an, wie sie z.B. im neuen "
    'Integrationskonzept "Internationales Saarbrücken. Strategien für den Umgang mit Migration und Vielfalt" '
    "beschrieben sind. Das Konzept ist eine Weiterentwicklung des ersten Integrationskonzeptes von 2011 und "
    "wurde 2020 vom Stadtrat verabschiedet.": {
        "en": "The ZIB initiates new projects in local integration work, such as those described in the new "
        'integration concept "International Saarbrücken. Strategies for dealing with migration and diversity". '
        "The concept develops the first integration concept of 2011 further and was adopted by the city council "
        "in 2020.",
        "ar": "يطلق المكتب مشاريع جديدة في مجال العمل البلدي للاندماج، كتلك الموصوفة في مفهوم الاندماج الجديد "
        "«زاربروكن الدولية. استراتيجيات للتعامل مع الهجرة والتنوع». ويطوّر هذا المفهوم مفهوم الاندماج الأول "
        "لعام 2011، وقد أقرّه مجلس المدينة عام 2020.",
        "uk": "ZIB ініціює нові проєкти в муніципальній інтеграційній роботі, як-от описані в новій концепції "
        "інтеграції «Міжнародний Саарбрюккен. Стратегії щодо міграції та різноманіття». Концепція розвиває "
        "першу концепцію інтеграції 2011 року; міська рада ухвалила її у 2020 році.",
    },
    "Um entsprechende Projekte auch umsetzen zu können, arbeitet das ZIB regelmäßig mit weiteren "
    "Akteur*innen zusammen, z.B. anderen Ämtern innerhalb der Stadtverwaltung, Projekten der "
    "Gemeinwesenarbeit oder Vereinen und Migrantenorganisationen.": {
        "en": "To carry out such projects, the ZIB works regularly with other partners, e.g. other offices of "
        "the city administration, community work projects, associations and migrant organisations.",
        "ar": "ولتنفيذ هذه المشاريع، يتعاون المكتب بانتظام مع جهات أخرى، مثل الدوائر الأخرى في إدارة المدينة "
        "ومشاريع العمل المجتمعي والجمعيات ومنظمات المهاجرين.",
        "uk": "Щоб утілювати такі проєкти, ZIB регулярно співпрацює з іншими учасниками, наприклад з іншими "
        "відомствами міської адміністрації, проєктами громадської роботи, об'єднаннями та організаціями мігрантів.",
    },
    "Auch eigene Fachveranstaltungen, Fortbildungen, Workshops und kulturelle Veranstaltungen gehören zum "
    "Repertoire des ZIB.": {
        "en": "The ZIB's own specialist events, training courses, workshops and cultural events are also part "
        "of its work.",
        "ar": "كما تشمل أنشطة المكتب فعاليات متخصصة خاصة به ودورات تدريبية وورش عمل وفعاليات ثقافية.",
        "uk": "До діяльності ZIB належать також власні фахові заходи, навчання, воркшопи та культурні події.",
    },
    "Außerdem ist die Geschäftsstelle des Integrationsbeirates an das ZIB angegliedert.": {
        "en": "The office of the Integration Council is also attached to the ZIB.",
        "ar": "كما أن أمانة مجلس الاندماج ملحقة بالمكتب.",
        "uk": "Крім того, при ZIB діє секретаріат Ради з інтеграції.",
    },
    "Wir möchten euch hier nach und nach einzelne Aufgabenbereiche und das Team des ZIB näher vorstellen, "
    "damit ihr einen Einblick in unsere tägliche Arbeit erhalten könnt.": {
        "en": "Here we will gradually introduce individual areas of work and the ZIB team, so that you can get "
        "an insight into our daily work.",
        "ar": "نودّ أن نعرّفكم هنا تدريجيًا على مجالات العمل المختلفة وعلى فريق المكتب، لتتعرفوا على عملنا اليومي.",
        "uk": "Тут ми поступово знайомитимемо вас з окремими напрямами роботи та командою ZIB, щоб ви могли "
        "зазирнути в нашу щоденну роботу.",
    },
    "ZIB in den sozialen Medien": {
        "en": "The ZIB on social media",
        "ar": "المكتب على وسائل التواصل الاجتماعي",
        "uk": "ZIB у соціальних мережах",
    },
    "Ihr findet das Zuwanderungs- und Integrationsbüro ab sofort in den sozialen Netzwerken. Neben unserem "
    "Instagram-Kanal gibt es auch eine Facebook-Seite.": {
        "en": "You can now find the Immigration and Integration Office on social networks. Besides our "
        "Instagram channel there is also a Facebook page.",
        "ar": "يمكنكم الآن العثور على مكتب الهجرة والاندماج في الشبكات الاجتماعية. فإلى جانب قناتنا على إنستغرام "
        "توجد أيضًا صفحة على فيسبوك.",
        "uk": "Відтепер Бюро з питань імміграції та інтеграції є в соціальних мережах. Окрім нашого каналу в "
        "Instagram, є також сторінка у Facebook.",
    },
    # Campaign week
    "Eine kleine Impfung – eine große Umarmung": {
        "en": "A small jab – a big hug",
        "ar": "تطعيم صغير – عناق كبير",
        "uk": "Маленьке щеплення – великі обійми",
    },
    "Eine mehrsprachige Aktionswoche zum Impfen: Infostände und Online-Veranstaltungen in vielen Sprachen, "
    "Videostatements und ein Trailer.": {
        "en": "A multilingual action week on vaccination: information stands and online events in many "
        "languages, video statements and a trailer.",
        "ar": "أسبوع فعاليات متعدد اللغات حول التطعيم: أكشاك معلومات وفعاليات عبر الإنترنت بلغات كثيرة وشهادات "
        "مصوّرة ومقطع ترويجي.",
        "uk": "Багатомовний тиждень акцій щодо щеплення: інформаційні стенди й онлайн-заходи багатьма мовами, "
        "відеозвернення та трейлер.",
    },
    "Alle hoffen darauf, dass die Corona-Pandemie bald zu Ende ist. Die wichtigste Strategie, damit das "
    "gelingt, ist das Impfen. Mit einer mehrsprachigen Aktionswoche sollen insbesondere die Menschen über das "
    "Impfen informiert werden, deren Erstsprache nicht Deutsch ist.": {
        "en": "Everyone hopes that the coronavirus pandemic will soon be over. The most important strategy for "
        "this is vaccination. A multilingual action week is to inform above all people whose first language is "
        "not German about vaccination.",
        "ar": "يأمل الجميع أن تنتهي جائحة كورونا قريبًا. وأهم استراتيجية لتحقيق ذلك هي التطعيم. ويهدف أسبوع "
        "فعاليات متعدد اللغات إلى إعلام الأشخاص الذين ليست الألمانية لغتهم الأولى بشكل خاص عن التطعيم.",
        "uk": "Усі сподіваються, що пандемія коронавірусу скоро закінчиться. Найважливіша стратегія для цього — "
        "щеплення. Багатомовний тиждень акцій має поінформувати про щеплення насамперед людей, для яких "
        "німецька не є рідною мовою.",
    },
    "Im Laufe der Woche werden verschiedene Infostände oder Online-Veranstaltungen in unterschiedlichen "
    "Sprachen organisiert. Veranstaltet wird die Aktionswoche gemeinsam von der Landeshauptstadt und dem "
    "Regionalverband Saarbrücken in Kooperation mit dem Verein PuGiS e.V.": {
        "en": "During the week, information stands and online events are organised in different languages. The "
        "action week is organised jointly by the state capital and the Saarbrücken regional association in "
        "cooperation with the association PuGiS e.V.",
        "ar": "تُنظَّم خلال الأسبوع أكشاك معلومات وفعاليات عبر الإنترنت بلغات مختلفة. وتنظّم أسبوعَ الفعاليات "
        "عاصمةُ الولاية ورابطةُ منطقة زاربروكن معًا بالتعاون مع جمعية PuGiS e.V.",
        "uk": "Протягом тижня різними мовами проходять інформаційні стенди та онлайн-заходи. Тиждень акцій "
        "організовують столиця землі та регіональне об'єднання Саарбрюккен спільно з об'єднанням PuGiS e.V.",
    },
    "Für die Infowoche haben uns neben Oberbürgermeister Uwe Conradt und Regionalverbandsdirektor Peter Gillo "
    "verschiedene Personen Statements zur Impfung in ihren Herkunftssprachen zugesendet. Diese wurden zu einem "
    "Trailer für die Informationskampagne zusammengesetzt. Die kompletten Einzelvideos findet ihr auf der "
    'Website der Aktionswoche "Eine kleine Impfung, eine große Umarmung". (sbs)': {
        "en": "For the information week, Lord Mayor Uwe Conradt, regional association director Peter Gillo and "
        "other people sent us statements on vaccination in their languages of origin. These were put together "
        "into a trailer for the information campaign. You can find the complete individual videos on the "
        'website of the action week "A small jab, a big hug". (sbs)',
        "ar": "أرسل إلينا من أجل أسبوع المعلومات عمدةُ المدينة أوفه كونرادت ومديرُ رابطة المنطقة بيتر غيلو "
        "وأشخاص آخرون شهادات حول التطعيم بلغاتهم الأصلية، وقد جُمعت في مقطع ترويجي لحملة التوعية. تجدون "
        "مقاطع الفيديو الكاملة على موقع أسبوع الفعاليات «تطعيم صغير، عناق كبير». (sbs)",
        "uk": "Для інформаційного тижня обер-бургомістр Уве Конрадт, директор регіонального об'єднання Петер Гілло "
        "та інші люди надіслали нам звернення щодо щеплення своїми рідними мовами. З них склали трейлер "
        "інформаційної кампанії. Повні окремі відео ви знайдете на сайті тижня акцій «Маленьке щеплення, великі "
        "обійми». (sbs)",
    },
}


def _translate(source, code):
    """Translate a TranslationSource's strings into a language and publish the translation now."""
    from wagtail_localize.models import StringSegment, StringTranslation, Translation

    locale = Locale.objects.get_or_create(language_code=code)[0]
    Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        german = segment.string.data
        text = german if segment.context.path == "slug" else TRANSLATIONS.get(german, {}).get(code)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                context=segment.context,
                locale=locale,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
    # Published here rather than after the demo's transaction, so that the
    # translation's status records the source snapshot it was made from.
    target, _created = source.create_or_update_translation(
        locale, publish=False, copy_parent_pages=True, fallback=True
    )
    target.get_latest_revision().publish()
    return target


def load(ctx):
    from wagtail_localize.models import TranslationSource

    for key in ("home", "about", "campaign"):
        page = ctx.pages.get(key)
        if page is None:
            continue
        page = Page.objects.get(pk=page.pk).specific
        languages = LANGUAGES
        if key == "about":
            # The Ukrainian translation was made before the German teaser got its second sentence.
            earlier = Page.objects.get(pk=page.pk).specific
            earlier.teaser = EARLIER_ABOUT_TEASER
            source, _created = TranslationSource.update_or_create_from_instance(earlier)
            _translate(source, "uk")
            languages = ("en", "ar")
        source, _created = TranslationSource.update_or_create_from_instance(page)
        for code in languages:
            _translate(source, code)
    # Record the status of everything the other parts of the demo published without signals.
    services.ensure_recorded(
        list(Page.objects.live().filter(depth__gt=1, locale__language_code="de").specific())
    )
    ctx.extra["translated_pages"] = [key for key in ("home", "about", "campaign") if ctx.pages.get(key)]
