// Nothing is cut off: every panel and tab of the window at 1280×800, with the sample practice, in English,
// German and Spanish, in a light and a dark palette; and the dialogs and editors that grow when they show
// a problem (a customer's errors, a rule's greeting, "If nobody answers") make room for it.
#include "customers/customerdialog.h"
#include "datadir/datadirectory.h"
#include "layoutcheck.h"
#include "look/darkpalette.h"
#include "server/routerhost.h"
#include "setup/setupassistant.h"
#include "shell/mainwindow.h"
#include "shell/sampledata.h"
#include "tempdatadir.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMetaEnum>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

class tst_Layouts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyPanelHasRoom_data();
    void everyPanelHasRoom();
    void assistantPagesHaveRoom_data();
    void assistantPagesHaveRoom();
    void customerErrorsMakeRoom();

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_data;
    std::unique_ptr<RouterHost> m_router;
};

void tst_Layouts::initTestCase()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    QStandardPaths::setTestModeEnabled(true);
    m_dir = std::make_unique<TempDataDir>();
    m_data = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_data->open(&error), qPrintable(error));
    QVERIFY2(SampleData::fill(*m_data, &error), qPrintable(error));
    m_router = std::make_unique<RouterHost>(m_dir->path());
    QSignalSpy started(m_router.get(), &RouterHost::started);
    m_router->start(QHostAddress::LocalHost, 0);
    QVERIFY(started.wait(10000));
}

void tst_Layouts::everyPanelHasRoom_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<bool>("dark");
    QTest::newRow("en") << u"en"_s << false;
    QTest::newRow("de") << u"de"_s << false;
    QTest::newRow("es") << u"es"_s << false;
    QTest::newRow("en dark") << u"en"_s << true;
}

void tst_Layouts::everyPanelHasRoom()
{
    QFETCH(QString, language);
    QFETCH(bool, dark);
    QTranslator translator;
    if (language != u"en"_s) {
        QVERIFY(translator.load(u"switchboard_"_s + language, u":/i18n"_s));
        QCoreApplication::installTranslator(&translator);
    }
    const QPalette lightPalette = QApplication::palette();
    if (dark)
        QApplication::setPalette(DarkPalette::create());

    QStringList problems;
    {
        MainWindow window(*m_data, *m_router);
        window.setWindowState(Qt::WindowNoState);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // No panel asks for more than the screen.
        if (window.size() != QSize(1280, 800)) {
            for (const QString &id : window.panelIds()) {
                if (window.panel(id)->minimumSizeHint().width() > 1280 - 200)
                    qWarning() << id << "needs" << window.panel(id)->minimumSizeHint();
            }
        }
        QCOMPARE(window.size(), QSize(1280, 800));
        for (const QString &id : window.panelIds()) {
            window.showPanel(id);
            QWidget *panel = window.panel(id);
            auto checkNow = [&](const QString &where) {
                QTest::qWait(50); // the panels' short delays (search, details) run out
                for (const QString &problem : LayoutCheck::problems(&window))
                    problems.append(where + u": "_s + problem);
            };
            auto *tabs = panel->findChild<QTabWidget *>();
            for (int tab = 0; tab < (tabs ? tabs->count() : 1); ++tab) {
                if (tabs)
                    tabs->setCurrentIndex(tab);
                const QString where = tabs ? u"%1/%2"_s.arg(id, tabs->tabText(tab)) : id;
                checkNow(where);
                // Each row of the lists shown, as someone going through them would (a rule with a greeting,
                // one with "If nobody answers").
                for (auto *table : panel->findChildren<QTableWidget *>()) {
                    if (!table->isVisible())
                        continue;
                    for (int row = 0; row < qMin(table->rowCount(), 6); ++row) {
                        table->selectRow(row);
                        checkNow(u"%1 row %2"_s.arg(where).arg(row + 1));
                    }
                }
            }
        }
    }
    if (dark)
        QApplication::setPalette(lightPalette);
    QCoreApplication::removeTranslator(&translator);
    problems.removeDuplicates();
    for (const QString &problem : std::as_const(problems))
        qWarning().noquote() << problem;
    QVERIFY2(problems.isEmpty(), qPrintable(u"%1 widgets cut off (listed above)"_s.arg(problems.size())));
}

void tst_Layouts::assistantPagesHaveRoom_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << u"en"_s;
    QTest::newRow("de") << u"de"_s;
    QTest::newRow("es") << u"es"_s;
}

void tst_Layouts::assistantPagesHaveRoom()
{
    QFETCH(QString, language);
    QTranslator translator;
    if (language != u"en"_s) {
        QVERIFY(translator.load(u"switchboard_"_s + language, u":/i18n"_s));
        QCoreApplication::installTranslator(&translator);
    }
    QStringList problems;
    const QMetaEnum pages = QMetaEnum::fromType<SetupAssistant::Page>();
    for (int i = 0; i < pages.keyCount(); ++i) {
        SetupAssistant assistant(*m_data, nullptr);
        assistant.setStartId(pages.value(i));
        assistant.show();
        QVERIFY(QTest::qWaitForWindowExposed(&assistant));
        QTest::qWait(50);
        // The header's subtitle says why the page asks: all of it, in every language.
        for (QLabel *label : assistant.findChildren<QLabel *>()) {
            if (!label->isVisible() || !label->wordWrap() || label->text().isEmpty())
                continue;
            const int needed = label->heightForWidth(label->contentsRect().width());
            if (label->contentsRect().height() + 2 < needed)
                problems.append(u"%1: \"%2\" has %3 px, needs %4"_s.arg(QString::fromLatin1(pages.key(i)),
                    label->text().left(50)).arg(label->contentsRect().height()).arg(needed));
        }
        for (const QString &problem : LayoutCheck::problems(&assistant))
            problems.append(QString::fromLatin1(pages.key(i)) + u": "_s + problem);
    }
    QCoreApplication::removeTranslator(&translator);
    for (const QString &problem : std::as_const(problems))
        qWarning().noquote() << problem;
    QVERIFY2(problems.isEmpty(), qPrintable(u"%1 widgets cut off (listed above)"_s.arg(problems.size())));
}

void tst_Layouts::customerErrorsMakeRoom()
{
    CustomerDialog dialog(u"US"_s, {});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // Every field wrong at once, then Save: each error shows under its field.
    const QList<QLineEdit *> edits = dialog.findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits)
        edit->setText(edit->objectName() == u"name"_s ? QString() : u"not valid at all, far too long to be right"_s);
    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    buttons->button(QDialogButtonBox::Save)->click();
    QTest::qWait(50);
    QVERIFY(dialog.isVisible()); // refused
    const QStringList problems = LayoutCheck::problems(&dialog);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

QTEST_MAIN(tst_Layouts)
#include "tst_layouts.moc"
