// Tests what the ui library compiles into the resources: the application icon and the translation
// catalogues, which must load by locale and keep every placeholder of the English text.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {

const char *const closingSentence
    = "We're sorry, nobody can take your call right now. Please try again later. Goodbye.";

// "%1 of %2" -> {"%1", "%2"}; a translation must use exactly the markers of its source.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression marker(u"%(\\d|n)"_s);
    QStringList found;
    for (auto it = marker.globalMatch(text); it.hasNext();)
        found.append(it.next().captured());
    found.sort();
    return found;
}

} // namespace

class TestResources : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void iconIsCompiledIn();
    void catalogueFollowsTheLocale_data();
    void catalogueFollowsTheLocale();
    void englishPluralsComeFromItsCatalogue();
    void translationsKeepThePlaceholders_data();
    void translationsKeepThePlaceholders();
};

void TestResources::iconIsCompiledIn()
{
    QFile icon(u":/icons/io.switchboard.Switchboard.svg"_s);
    QVERIFY(icon.open(QIODevice::ReadOnly));
    const QByteArray svg = icon.readAll();
    QVERIFY(svg.contains("<svg"));
    QVERIFY(svg.contains("viewBox=\"0 0 128 128\""));
}

void TestResources::catalogueFollowsTheLocale_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QByteArray>("context");
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("expected");

    QTest::newRow("german closing sentence")
        << u"de_DE"_s << "CallRouter"_ba << QByteArray(closingSentence)
        << u"Es tut uns leid, im Moment kann niemand Ihren Anruf entgegennehmen. Bitte versuchen Sie es "
           "später noch einmal. Auf Wiederhören."_s;
    QTest::newRow("german in austria") << u"de_AT"_s << "CommandLine"_ba
                                       << "Unknown command \"%1\"."_ba << u"Unbekannter Befehl „%1“."_s;
    QTest::newRow("german calls error") << u"de_DE"_s << "CallsCommand"_ba
                                        << "No calls."_ba << u"Keine Anrufe."_s;
    QTest::newRow("spanish closing sentence")
        << u"es_ES"_s << "CallRouter"_ba << QByteArray(closingSentence)
        << u"Lo sentimos, en este momento nadie puede atender su llamada. Por favor, inténtelo de nuevo más "
           "tarde. Adiós."_s;
    QTest::newRow("german voice for the closing sentence") << u"de_DE"_s << "CallRouter"_ba
                                                           << "en-US"_ba << u"de-DE"_s;
    QTest::newRow("spanish voice for the closing sentence") << u"es_ES"_s << "CallRouter"_ba
                                                            << "en-US"_ba << u"es-ES"_s;
    QTest::newRow("spanish in mexico") << u"es_MX"_s << "ServeCommand"_ba
                                       << "Stopped."_ba << u"Detenido."_s;
}

void TestResources::catalogueFollowsTheLocale()
{
    QFETCH(QString, locale);
    QFETCH(QByteArray, context);
    QFETCH(QByteArray, source);
    QFETCH(QString, expected);

    // The same call main() makes, with the locale given instead of the system's.
    QTranslator translator;
    QVERIFY(translator.load(QLocale(locale), u"switchboard"_s, u"_"_s, u":/i18n"_s));
    QCOMPARE(translator.translate(context.constData(), source.constData()), expected);
}

void TestResources::englishPluralsComeFromItsCatalogue()
{
    // English is the source text; its catalogue only chooses between "1 call" and "2 calls".
    QTranslator translator;
    QVERIFY(translator.load(QLocale(u"en_US"_s), u"switchboard"_s, u"_"_s, u":/i18n"_s));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    QCOMPARE(QCoreApplication::translate("LiveMonitorPanel", "%n call(s) in progress.", nullptr, 1),
        u"1 call in progress."_s);
    QCOMPARE(QCoreApplication::translate("LiveMonitorPanel", "%n call(s) in progress.", nullptr, 3),
        u"3 calls in progress."_s);
    QCOMPARE(QCoreApplication::translate("MainWindow", "%n call(s) are in progress.", nullptr, 1),
        u"1 call is in progress."_s);
    QCOMPARE(QCoreApplication::translate("CallFlow", "Ringing %1 for up to %n second(s).", nullptr, 1),
        u"Ringing %1 for up to 1 second."_s);
    // Everything else is the source text itself.
    QCOMPARE(QCoreApplication::translate("MainWindow", "Routing on"), u"Routing on"_s);
    QCoreApplication::removeTranslator(&translator);

    // No English form says "(s)".
    QFile file(QDir(QStringLiteral(SWITCHBOARD_TRANSLATIONS_DIR)).filePath(u"switchboard_en.ts"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    int forms = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"numerusform") {
            const QString form = xml.readElementText();
            QVERIFY2(!form.isEmpty() && !form.contains(u"(s)"_s), qPrintable(form));
            ++forms;
        }
    }
    QVERIFY(forms > 20);
}

void TestResources::translationsKeepThePlaceholders_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("translation");

    const QDir folder(QStringLiteral(SWITCHBOARD_TRANSLATIONS_DIR));
    const QStringList files = folder.entryList({ u"switchboard_*.ts"_s }, QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const QString &name : files) {
        QFile file(folder.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QString context;
        QString source;
        int finished = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == u"name") {
                context = xml.readElementText();
            } else if (xml.name() == u"source") {
                source = xml.readElementText();
            } else if (xml.name() == u"translation") {
                const bool unfinished = xml.attributes().value(u"type"_s) == u"unfinished"_s;
                // A plural message has one <numerusform> per form; each must keep the placeholders.
                QStringList forms;
                QString text;
                while (!(xml.readNext() == QXmlStreamReader::EndElement && xml.name() == u"translation")) {
                    if (xml.isStartElement() && xml.name() == u"numerusform")
                        forms.append(xml.readElementText());
                    else if (xml.isCharacters())
                        text += xml.text();
                }
                if (forms.isEmpty())
                    forms.append(text);
                if (unfinished || forms.join(QString()).trimmed().isEmpty())
                    continue;
                ++finished;
                for (qsizetype form = 0; form < forms.size(); ++form) {
                    const QString row = name + u": "_s + context + u": "_s + source.left(40)
                        + (forms.size() > 1 ? u" [form %1]"_s.arg(form) : QString());
                    QTest::newRow(qPrintable(row)) << source << forms.at(form);
                }
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(name + u": "_s + xml.errorString()));
        QVERIFY2(finished > 0, qPrintable(name));
    }
}

void TestResources::translationsKeepThePlaceholders()
{
    QFETCH(QString, source);
    QFETCH(QString, translation);

    QCOMPARE(placeholders(translation), placeholders(source));
    QCOMPARE(translation.endsWith(u'\n'), source.endsWith(u'\n'));
}

QTEST_GUILESS_MAIN(TestResources)
#include "tst_resources.moc"
