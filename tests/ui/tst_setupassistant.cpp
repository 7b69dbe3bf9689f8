// The set-up assistant offscreen, from an empty data folder to a routed call: against the fakes of
// Twilio's REST API and of Retell, and a real router on loopback that then answers a signed call from
// the number the assistant pointed here. Also: typing a number when Twilio's list cannot be loaded, the
// optional agent page, the connection check, and when the assistant opens by itself.
#include "datadir/datadirectory.h"
#include "desktop/uistate.h"
#include "fakeretellserver.h"
#include "faketwilio.h"
#include "faketwiliorest.h"
#include "server/routerservice.h"
#include "settings/settings.h"
#include "setup/setupassistant.h"
#include "setup/setupassistantpages.h"
#include "tempdatadir.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
const QString AccountSid = u"AC0123456789abcdef0123456789abcdef"_s;
const QString AuthToken = u"tok9f8e7d6c5b4a39281706f5e4d3c2b1a0"_s;
const QString RetellKey = u"key_retell_5f1d2c3b4a"_s;
const QString AgentId = u"agent_4f2a9c"_s;
const QString PublicUrl = u"https://desk.example.com"_s;
} // namespace

class TestSetupAssistant : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void fromAnEmptyFolderToARoutedCall();
    void numbersCanBeTypedWhenTwilioRefuses();
    void theAgentIsOptionalButNotByHalf();
    void theConnectionCheckSaysWhatIsWrong();
    void opensByItselfOnlyUntilClosedOrSetUp();
    void screenshots();

private:
    void setSetting(const QString &key, const QString &value);
    QString saved(const QString &key);
    void startAssistant(SetupAssistant::Page page = SetupAssistant::WelcomePage);
    QLineEdit *field(const QString &key);
    QAbstractButton *next() { return m_assistant->button(QWizard::NextButton); }
    void type(const QString &key, const QString &text);

    QTemporaryDir m_session;
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_data;
    std::unique_ptr<FakeTwilioRest> m_twilio;
    std::unique_ptr<FakeRetellServer> m_retell;
    std::unique_ptr<RouterService> m_router;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<SetupAssistant> m_assistant;
};

void TestSetupAssistant::initTestCase()
{
    QVERIFY(m_session.isValid());
    // Before any QSettings is made: the remembered "closed" lands in a session of the test's own.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_session.path()));
}

void TestSetupAssistant::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    m_dir = std::make_unique<TempDataDir>();
    m_data = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_data->open(&error), qPrintable(error));
    m_twilio = std::make_unique<FakeTwilioRest>(AccountSid, AuthToken.toUtf8());
    QVERIFY(m_twilio->listen());
    m_retell = std::make_unique<FakeRetellServer>();
    QVERIFY(m_retell->listen());
    m_retell->setExpectedApiKey(RetellKey.toUtf8());
    m_retell->addAgent(AgentId, u"Bright Smile receptionist"_s);
    m_network = std::make_unique<QNetworkAccessManager>();
    setSetting(u"twilio.api_base"_s, m_twilio->baseUrl().toString());
    setSetting(u"retell.api_base"_s, m_retell->baseUrl().toString());
    setSetting(u"routing.default_region"_s, u"US"_s);
}

void TestSetupAssistant::cleanup()
{
    m_assistant.reset();
    m_router.reset();
    m_network.reset();
    m_retell.reset();
    m_twilio.reset();
    m_data.reset();
    m_dir.reset();
}

void TestSetupAssistant::setSetting(const QString &key, const QString &value)
{
    QString error;
    QVERIFY2(m_data->settings().set(key, value, &error), qPrintable(error));
}

QString TestSetupAssistant::saved(const QString &key)
{
    return m_data->settings().value(key).value_or(u"<not set>"_s);
}

void TestSetupAssistant::startAssistant(SetupAssistant::Page page)
{
    m_assistant = std::make_unique<SetupAssistant>(*m_data, m_network.get());
    m_assistant->setStartId(page);
    m_assistant->show();
    QCOMPARE(m_assistant->currentId(), int(page));
}

QLineEdit *TestSetupAssistant::field(const QString &key)
{
    return m_assistant->currentPage()->findChild<QLineEdit *>(key);
}

void TestSetupAssistant::type(const QString &key, const QString &text)
{
    QLineEdit *edit = field(key);
    QVERIFY2(edit, qPrintable(key));
    edit->clear();
    QTest::keyClicks(edit, text);
}

void TestSetupAssistant::fromAnEmptyFolderToARoutedCall()
{
    m_router = std::make_unique<RouterService>(m_dir->path());
    QString error;
    QVERIFY2(m_router->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    m_twilio->addNumber(u"+15557654321"_s, u"Front desk"_s);
    m_twilio->addNumber(u"+15557654322"_s, u"Fax"_s, u"https://fax.example.com/in"_s);
    QVERIFY(SetupAssistant::isWanted(*m_data));
    int clicks = 0;

    startAssistant();
    next()->click(), ++clicks;
    QCOMPARE(m_assistant->currentId(), int(SetupAssistant::AccountPage));
    // The account first: nothing to go on with until the SID and token are there.
    QVERIFY(!next()->isEnabled());
    type(u"twilio.account_sid"_s, AccountSid);
    QVERIFY(!next()->isEnabled());
    type(u"twilio.auth_token"_s, AuthToken);
    QVERIFY(next()->isEnabled());
    next()->click(), ++clicks;
    QCOMPARE(saved(u"twilio.account_sid"_s), AccountSid);
    QCOMPARE(saved(u"twilio.auth_token"_s), AuthToken);

    // The numbers, as Twilio lists them, in the practice's national format.
    QCOMPARE(m_assistant->currentId(), int(SetupAssistant::NumbersPage));
    auto *numbers = qobject_cast<NumbersPage *>(m_assistant->currentPage());
    QTRY_VERIFY_WITH_TIMEOUT(!numbers->isLoading(), 15000);
    auto *list = numbers->findChild<QTreeWidget *>(u"numbers"_s);
    QCOMPARE(list->topLevelItemCount(), 2);
    QCOMPARE(list->topLevelItem(0)->text(0), u"(555) 765-4321"_s);
    QCOMPARE(list->topLevelItem(0)->text(1), u"Front desk"_s);
    QVERIFY(!next()->isEnabled());
    list->topLevelItem(0)->setCheckState(0, Qt::Checked), ++clicks;
    QVERIFY(next()->isEnabled());
    next()->click(), ++clicks;
    QCOMPARE(saved(u"twilio.numbers"_s), u"+15557654321"_s);

    // Who rings when nobody else can, written as people write it and saved in E.164.
    QCOMPARE(m_assistant->currentId(), int(SetupAssistant::FallbackPage));
    QVERIFY(!next()->isEnabled());
    type(u"routing.fallback_number"_s, u"(555) 010-2030"_s);
    next()->click(), ++clicks;
    QCOMPARE(saved(u"routing.fallback_number"_s), u"+15550102030"_s);

    // The agent page is optional: its button says so until something is typed.
    QCOMPARE(m_assistant->currentId(), int(SetupAssistant::AgentPage));
    QVERIFY2(next()->text().contains(u"Skip"_s), qPrintable(next()->text()));
    type(u"retell.api_key"_s, RetellKey);
    QVERIFY2(!next()->text().contains(u"Skip"_s), qPrintable(next()->text()));
    type(u"retell.agent_id"_s, AgentId);
    next()->click(), ++clicks;
    QCOMPARE(saved(u"retell.agent_id"_s), AgentId);
    QCOMPARE(saved(u"retell.api_key"_s), RetellKey);

    // How Twilio reaches this computer: a tunnel, pointed at the address the router listens on.
    QCOMPARE(m_assistant->currentId(), int(SetupAssistant::ConnectionPage));
    QVERIFY(m_assistant->currentPage()->findChild<QRadioButton *>(u"tunnel"_s)->isChecked());
    QCOMPARE(field(u"server.listen"_s)->text(), u"127.0.0.1:8080"_s);
    QVERIFY(!next()->isEnabled());
    type(u"server.public_url"_s, PublicUrl);
    next()->click(), ++clicks;
    QCOMPARE(saved(u"server.public_url"_s), PublicUrl);

    // Nothing changes at Twilio until Apply; the page says what will.
    QCOMPARE(m_assistant->currentId(), int(SetupAssistant::ApplyPage));
    auto *apply = qobject_cast<ApplyPage *>(m_assistant->currentPage());
    const QString plan = apply->findChild<QLabel *>(u"applyPlan"_s)->text();
    QVERIFY2(plan.contains(u"(555) 765-4321"_s) && plan.contains(u"(555) 010-2030"_s), qPrintable(plan));
    QVERIFY(m_twilio->updates().isEmpty());
    QVERIFY(!next()->isEnabled());
    QSignalSpy applied(apply, &ApplyPage::applyFinished);
    apply->findChild<QPushButton *>(u"apply"_s)->click(), ++clicks;
    QVERIFY(applied.wait(15000));
    QCOMPARE(applied.at(0).at(0).toBool(), true);
    const QString token = saved(u"server.webhook_token"_s);
    QCOMPARE(m_twilio->updates().size(), 1);
    QCOMPARE(m_twilio->updates().at(0).value(u"VoiceUrl"_s), PublicUrl + u"/twilio/voice/"_s + token);
    QCOMPARE(saved(u"routing.enabled"_s), u"true"_s);
    QVERIFY(next()->isEnabled());
    next()->click(), ++clicks;

    // The last page offers the test call and says what will happen.
    QCOMPARE(m_assistant->currentId(), int(SetupAssistant::TestCallPage));
    auto *last = qobject_cast<TestCallPage *>(m_assistant->currentPage());
    const QString story = last->whatWillHappen().join(u' ');
    QVERIFY2(story.startsWith(u"Call (555) 765-4321 from your mobile now."_s), qPrintable(story));
    QVERIFY2(story.contains(u"(555) 010-2030 rings"_s), qPrintable(story));
    QVERIFY2(story.contains(u"AI receptionist"_s), qPrintable(story));
    QSignalSpy checked(last, &TestCallPage::checkFinished);
    QVERIFY(checked.wait(30000));
    QCOMPARE(last->checkLines().size(), 6);
    QCOMPARE(last->findChildren<QLabel *>(u"checkLine"_s).size(), 6);
    QSignalSpy watch(m_assistant.get(), &SetupAssistant::watchLiveCallsRequested);
    m_assistant->button(QWizard::FinishButton)->click(), ++clicks;
    QCOMPARE(watch.size(), 1);
    QVERIFY(!SetupAssistant::isWanted(*m_data));
    qInfo("Clicks from the first page to Finish: %d (besides typing)", clicks);

    // And Twilio's call to that number now reaches a person: the fallback number is dialled.
    FakeTwilio twilio(QUrl(u"http://127.0.0.1:%1"_s.arg(m_router->port())), AuthToken.toUtf8(), QUrl(PublicUrl));
    const TwilioReply reply = twilio.post(twilio.publicUrl(u"/twilio/voice/"_s + token),
        FakeTwilio::callFields(FakeTwilio::newCallSid(), u"+15559876543"_s, u"+15557654321"_s));
    QCOMPARE(reply.status, 200);
    const TwimlDocument twiml = reply.twiml();
    const TwimlVerb *dial = twiml.find(u"Dial"_s);
    QVERIFY2(dial, reply.body.constData());
    QVERIFY2(!dial->children.isEmpty(), reply.body.constData());
    QCOMPARE(dial->children.first().text, u"+15550102030"_s);
}

void TestSetupAssistant::numbersCanBeTypedWhenTwilioRefuses()
{
    setSetting(u"twilio.account_sid"_s, AccountSid);
    setSetting(u"twilio.auth_token"_s, AuthToken);
    m_twilio->failEverything(401, 20003, u"Authenticate"_s);
    startAssistant(SetupAssistant::NumbersPage);
    auto *numbers = qobject_cast<NumbersPage *>(m_assistant->currentPage());
    QTRY_VERIFY_WITH_TIMEOUT(!numbers->isLoading(), 15000);
    const QString status = numbers->findChild<QLabel *>(u"numbersStatus"_s)->text();
    QVERIFY2(status.startsWith(u"Twilio did not give the list:"_s), qPrintable(status));
    QVERIFY(!next()->isEnabled());
    QLineEdit *typed = numbers->findChild<QLineEdit *>(u"typedNumber"_s);
    QVERIFY(typed->isVisible());
    QTest::keyClicks(typed, u"hello"_s);
    numbers->findChild<QPushButton *>(u"addNumber"_s)->click();
    QVERIFY(!next()->isEnabled());
    typed->clear();
    QTest::keyClicks(typed, u"555 765 4321"_s);
    numbers->findChild<QPushButton *>(u"addNumber"_s)->click();
    QCOMPARE(numbers->chosenNumbers(), QStringList { u"+15557654321"_s });
    QVERIFY(next()->isEnabled());
    next()->click();
    QCOMPARE(saved(u"twilio.numbers"_s), u"+15557654321"_s);

    // Coming back, the saved number is there at once, while Twilio is asked again.
    m_assistant->back();
    QCOMPARE(m_assistant->currentId(), int(SetupAssistant::NumbersPage));
    QCOMPARE(numbers->chosenNumbers(), QStringList { u"+15557654321"_s });
}

void TestSetupAssistant::theAgentIsOptionalButNotByHalf()
{
    startAssistant(SetupAssistant::AgentPage);
    QVERIFY(next()->text().contains(u"Skip"_s));
    type(u"retell.agent_id"_s, AgentId);
    next()->click();
    // Half an agent stays on the page, with the missing half named.
    QCOMPARE(m_assistant->currentId(), int(SetupAssistant::AgentPage));
    auto *error = m_assistant->currentPage()->findChild<QLabel *>(u"retell.api_key.error"_s);
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), u"Enter the Retell API key too, or clear the agent ID to skip this page."_s);
    QCOMPARE(saved(u"retell.agent_id"_s), u"<not set>"_s);
    // Cleared again, the page is skipped and nothing is stored.
    field(u"retell.agent_id"_s)->clear();
    QVERIFY(next()->text().contains(u"Skip"_s));
    next()->click();
    QCOMPARE(m_assistant->currentId(), int(SetupAssistant::ConnectionPage));
    QCOMPARE(m_data->settings().displayValue(u"retell.api_key"_s), u"(not set)"_s);
}

void TestSetupAssistant::theConnectionCheckSaysWhatIsWrong()
{
    setSetting(u"twilio.auth_token"_s, AuthToken);
    startAssistant(SetupAssistant::ConnectionPage);
    auto *page = qobject_cast<ConnectionPage *>(m_assistant->currentPage());
    // A port-forward arrives from the office network, so every interface listens.
    page->findChild<QRadioButton *>(u"portForward"_s)->click();
    QCOMPARE(field(u"server.listen"_s)->text(), u"0.0.0.0:8080"_s);
    page->findChild<QRadioButton *>(u"tunnel"_s)->click();
    QCOMPARE(field(u"server.listen"_s)->text(), u"127.0.0.1:8080"_s);

    // An address that is not one is marked at its entry and nothing is asked.
    type(u"server.public_url"_s, u"desk example"_s);
    page->findChild<QPushButton *>(u"checkConnection"_s)->click();
    QVERIFY(page->findChild<QLabel *>(u"server.public_url.error"_s)->isVisible());
    QVERIFY(!page->isChecking());

    // This computer's own address is one Twilio, out on the internet, could never reach.
    type(u"server.public_url"_s, u"http://127.0.0.1:8080"_s);
    QSignalSpy checked(page, &ConnectionPage::checkFinished);
    page->findChild<QPushButton *>(u"checkConnection"_s)->click();
    // Found without asking anything, the answer may come before the click returns.
    QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 1, 20000);
    QVERIFY(!page->lastCheck().ok);
    QVERIFY2(page->lastCheck().detail.contains(u"loopback"_s), qPrintable(page->lastCheck().detail));
    const QString shown = page->findChild<QLabel *>(u"connectionResult"_s)->text();
    QVERIFY2(shown.contains(u"✘"_s) && shown.contains(u"Fix:"_s), qPrintable(shown));
}

void TestSetupAssistant::opensByItselfOnlyUntilClosedOrSetUp()
{
    QVERIFY(SetupAssistant::isWanted(*m_data));
    startAssistant();
    m_assistant->reject();
    QVERIFY(!SetupAssistant::isWanted(*m_data));

    // Another data folder (another practice on this account) has its own first start.
    TempDataDir other;
    DataDirectory otherData(other.path());
    QString error;
    QVERIFY2(otherData.open(&error), qPrintable(error));
    QVERIFY(SetupAssistant::isWanted(otherData));
    QVERIFY(otherData.settings().set(u"twilio.account_sid"_s, AccountSid, &error));
    QVERIFY(!SetupAssistant::isWanted(otherData));
}

void TestSetupAssistant::screenshots()
{
    // Every page as the owner sees it, for looking at: set SWITCHBOARD_SCREENSHOTS to a folder.
    const QString folder = qEnvironmentVariable("SWITCHBOARD_SCREENSHOTS");
    if (folder.isEmpty())
        QSKIP("SWITCHBOARD_SCREENSHOTS is not set");
    m_twilio->addNumber(u"+15557654321"_s, u"Front desk"_s);
    m_twilio->addNumber(u"+15557654322"_s, u"Hygiene line"_s);
    setSetting(u"twilio.account_sid"_s, AccountSid);
    setSetting(u"twilio.auth_token"_s, AuthToken);
    setSetting(u"twilio.numbers"_s, u"+15557654321"_s);
    setSetting(u"routing.fallback_number"_s, u"+15550102030"_s);
    setSetting(u"server.public_url"_s, PublicUrl);
    QDir().mkpath(folder);
    for (int page = SetupAssistant::WelcomePage; page <= SetupAssistant::TestCallPage; ++page) {
        startAssistant(SetupAssistant::Page(page));
        if (auto *numbers = qobject_cast<NumbersPage *>(m_assistant->currentPage()))
            QTRY_VERIFY_WITH_TIMEOUT(!numbers->isLoading(), 15000);
        if (auto *apply = qobject_cast<ApplyPage *>(m_assistant->currentPage())) {
            QSignalSpy applied(apply, &ApplyPage::applyFinished);
            apply->apply();
            QVERIFY(applied.wait(15000));
        }
        if (auto *last = qobject_cast<TestCallPage *>(m_assistant->currentPage())) {
            QSignalSpy checked(last, &TestCallPage::checkFinished);
            QVERIFY(checked.wait(30000));
        }
        const QString name = QString::fromLatin1(QMetaEnum::fromType<SetupAssistant::Page>().valueToKey(page));
        QVERIFY(m_assistant->grab().save(QDir(folder).filePath(u"assistant-%1-%2.png"_s.arg(page).arg(name))));
    }
}

QTEST_MAIN(TestSetupAssistant)
#include "tst_setupassistant.moc"
