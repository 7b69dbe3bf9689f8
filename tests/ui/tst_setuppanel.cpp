// The Setup panel offscreen against the fakes of Twilio's REST API and of Retell, and a real router on
// loopback: invalid entries marked at their field, secrets never shown, numbers loaded page by page and
// pointed here, "Check setup", and typing numbers in when Twilio's list cannot be loaded; starting at
// login, in a session of its own (a temporary XDG_CONFIG_HOME).
#include "datadir/datadirectory.h"
#include "fakeretellserver.h"
#include "faketwiliorest.h"
#include "routing/callbackurls.h"
#include "server/routerservice.h"
#include "settings/settings.h"
#include "setup/livefeedbox.h"
#include "setup/setuppanel.h"
#include "setup/twilioapply.h"
#include "tempdatadir.h"
#include "twilio/fallbackflow.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSpinBox>
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
} // namespace

class TestSetupPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void invalidEntriesAreMarkedAndNothingIsSaved();
    void otherSeatsSeeTheAddressAndTokens();
    void validEntriesAreSavedNormalised();
    void apiKeyNeedsItsSecret();
    void secretsAreNeverShown();
    void loadsNumbersPageByPageAndAppliesThem();
    void buttonsWaitWhileTwilioIsAsked();
    void checkSetupShowsGreenAndRedLines();
    void numbersCanBeTypedWhenTheListFails();
    void webhookUrlsCanBeCopied();
    void routingSwitchSavesWithTheForm();
    void startsAtLoginOnceSetUpUntilUnticked();
    void untickedBeforeSetUpStaysOff();
    void screenshot();

private:
    void setSetting(const QString &key, const QString &value);
    QString saved(const QString &key);
    QLineEdit *field(const QString &key);
    QLabel *fieldError(const QString &key);
    void configureAccounts();
    void startRouter();
    QStringList visibleTexts();
    QString autostartEntry() const;

    // The desktop session's config folder: the remembered choices and the autostart entry land here,
    // never in the real one of whoever runs the tests.
    QTemporaryDir m_session;
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_data;
    std::unique_ptr<FakeTwilioRest> m_twilio;
    std::unique_ptr<FakeRetellServer> m_retell;
    std::unique_ptr<RouterService> m_router;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<SetupPanel> m_panel;
};

void TestSetupPanel::initTestCase()
{
    QVERIFY(m_session.isValid());
    // Before any QSettings is made: Qt reads the folder once per process.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_session.path()));
}

QString TestSetupPanel::autostartEntry() const
{
    return m_session.path() + u"/autostart/io.switchboard.Switchboard.desktop"_s;
}

void TestSetupPanel::init()
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
}

void TestSetupPanel::cleanup()
{
    m_panel.reset();
    m_router.reset();
    m_network.reset();
    m_retell.reset();
    m_twilio.reset();
    m_data.reset();
    m_dir.reset();
}

void TestSetupPanel::setSetting(const QString &key, const QString &value)
{
    QString error;
    QVERIFY2(m_data->settings().set(key, value, &error), qPrintable(error));
}

QString TestSetupPanel::saved(const QString &key)
{
    return m_data->settings().value(key).value_or(u"<not set>"_s);
}

QLineEdit *TestSetupPanel::field(const QString &key)
{
    return m_panel->findChild<QLineEdit *>(key);
}

QLabel *TestSetupPanel::fieldError(const QString &key)
{
    return m_panel->findChild<QLabel *>(key + u".error"_s);
}

void TestSetupPanel::configureAccounts()
{
    setSetting(u"twilio.account_sid"_s, AccountSid);
    setSetting(u"twilio.auth_token"_s, AuthToken);
    setSetting(u"retell.api_key"_s, RetellKey);
    setSetting(u"retell.agent_id"_s, AgentId);
    setSetting(u"routing.fallback_number"_s, u"+15550009999"_s);
}

void TestSetupPanel::startRouter()
{
    m_router = std::make_unique<RouterService>(m_dir->path());
    QString error;
    QVERIFY2(m_router->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    setSetting(u"server.public_url"_s, u"http://127.0.0.1:%1"_s.arg(m_router->port()));
}

// Every text a person could read in the panel: labels, fields, tooltips, placeholders, list cells.
QStringList TestSetupPanel::visibleTexts()
{
    QStringList texts;
    for (const QLabel *label : m_panel->findChildren<QLabel *>())
        texts << label->text() << label->toolTip();
    for (const QLineEdit *edit : m_panel->findChildren<QLineEdit *>())
        texts << edit->text() << edit->placeholderText() << edit->toolTip() << edit->displayText();
    for (const QTreeWidget *tree : m_panel->findChildren<QTreeWidget *>()) {
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            for (int c = 0; c < tree->columnCount(); ++c)
                texts << tree->topLevelItem(i)->text(c) << tree->topLevelItem(i)->toolTip(c);
        }
    }
    return texts;
}

void TestSetupPanel::invalidEntriesAreMarkedAndNothingIsSaved()
{
    m_panel = std::make_unique<SetupPanel>(*m_data, m_network.get());
    m_panel->show();
    field(u"twilio.account_sid"_s)->setText(AccountSid);
    field(u"routing.fallback_number"_s)->setText(u"hello"_s);
    field(u"server.public_url"_s)->setText(u"frontdesk.example.net"_s);
    field(u"twilio.auth_token"_s)->setText(u"two words"_s);

    m_panel->findChild<QPushButton *>(u"save"_s)->click();

    QLabel *fallbackError = fieldError(u"routing.fallback_number"_s);
    QVERIFY(fallbackError->isVisible());
    QCOMPARE(fallbackError->text(), u"\"hello\" is not a phone number."_s);
    QVERIFY(field(u"routing.fallback_number"_s)->styleSheet().contains(u"border"_s));
    QVERIFY(fieldError(u"server.public_url"_s)->isVisible());
    QVERIFY2(fieldError(u"server.public_url"_s)
                 ->text()
                 .startsWith(u"\"frontdesk.example.net\" is not a web address"_s),
        qPrintable(fieldError(u"server.public_url"_s)->text()));
    QCOMPARE(
        fieldError(u"twilio.auth_token"_s)->text(), u"Auth token must be a single word with no spaces."_s);
    // The valid entry is not marked.
    QVERIFY(!fieldError(u"twilio.account_sid"_s)->isVisible());
    QVERIFY(field(u"twilio.account_sid"_s)->styleSheet().isEmpty());
    // All or nothing: not even the valid account SID was stored.
    QCOMPARE(saved(u"twilio.account_sid"_s), u"<not set>"_s);
    QCOMPARE(saved(u"routing.fallback_number"_s), u"<not set>"_s);
    QCOMPARE(m_data->settings().displayValue(u"twilio.auth_token"_s), u"(not set)"_s);

    // Typing in a marked entry takes its mark away at once: the red sentence was about the old text.
    QTest::keyClicks(field(u"routing.fallback_number"_s), u"1"_s);
    QVERIFY(!fallbackError->isVisible());
    QVERIFY(field(u"routing.fallback_number"_s)->styleSheet().isEmpty());
    QVERIFY(fieldError(u"server.public_url"_s)->isVisible()); // the others keep theirs

    // Fixed, the same form saves and the marks go.
    field(u"routing.fallback_number"_s)->setText(u"(555) 000-9999"_s);
    field(u"server.public_url"_s)->setText(u"https://frontdesk.example.net/"_s);
    field(u"twilio.auth_token"_s)->setText(AuthToken);
    QVERIFY(m_panel->save());
    QVERIFY(!fallbackError->isVisible());
    QVERIFY(field(u"routing.fallback_number"_s)->styleSheet().isEmpty());
    QCOMPARE(saved(u"twilio.account_sid"_s), AccountSid);
}

void TestSetupPanel::validEntriesAreSavedNormalised()
{
    m_panel = std::make_unique<SetupPanel>(*m_data, m_network.get());
    field(u"routing.default_region"_s)->setText(u"gb"_s);
    // Read with the region saved in the same go, not the old one.
    field(u"routing.fallback_number"_s)->setText(u"020 7946 0958"_s);
    field(u"server.public_url"_s)->setText(u"https://frontdesk.example.net/"_s);
    QVERIFY(m_panel->save());
    QCOMPARE(saved(u"routing.fallback_number"_s), u"+442079460958"_s);
    // Saved in E.164, shown again the way the practice writes it.
    QCOMPARE(field(u"routing.fallback_number"_s)->text(), u"020 7946 0958"_s);
    QCOMPARE(field(u"routing.default_region"_s)->text(), u"GB"_s);
    const QString token = saved(u"server.webhook_token"_s);
    QCOMPARE(m_panel->findChild<QLineEdit *>(u"webhookUrl"_s)->text(),
        u"https://frontdesk.example.net/twilio/voice/"_s + token);
    QCOMPARE(m_panel->findChild<QLineEdit *>(u"statusUrl"_s)->text(),
        u"https://frontdesk.example.net/twilio/status/"_s + token);
    // The daily copies kept are chosen in the Backups box and saved with the rest, in days, not as a key.
    auto *keep = m_panel->findChild<QSpinBox *>(u"backup.keep"_s);
    QCOMPARE(keep->value(), 14);
    keep->setValue(7);
    QVERIFY(m_panel->save());
    QCOMPARE(saved(u"backup.keep"_s), u"7"_s);
    for (const QString &text : visibleTexts())
        QVERIFY2(!text.contains(u"backup.keep"_s), qPrintable(text));
    // An emptied entry goes back to unset.
    field(u"server.public_url"_s)->clear();
    QVERIFY(m_panel->save());
    QCOMPARE(saved(u"server.public_url"_s), u"<not set>"_s);
    QVERIFY(m_panel->findChild<QLineEdit *>(u"webhookUrl"_s)->text().isEmpty());
    // The practice moves: the number left as it was shown is still the same number, now with its +44.
    field(u"routing.default_region"_s)->setText(u"US"_s);
    QVERIFY(m_panel->save());
    QCOMPARE(saved(u"routing.fallback_number"_s), u"+442079460958"_s);
    QCOMPARE(field(u"routing.fallback_number"_s)->text(), u"+44 20 7946 0958"_s);
}

void TestSetupPanel::apiKeyNeedsItsSecret()
{
    m_panel = std::make_unique<SetupPanel>(*m_data, m_network.get());
    field(u"twilio.api_key_sid"_s)->setText(u"SKfedcba9876543210fedcba9876543210"_s);
    QVERIFY(!m_panel->save());
    QCOMPARE(fieldError(u"twilio.api_key_secret"_s)->text(),
        u"Enter the API key's secret too, or clear the API key SID to use the auth token."_s);
    QCOMPARE(saved(u"twilio.api_key_sid"_s), u"<not set>"_s);
    field(u"twilio.api_key_secret"_s)->setText(u"keysecret0123"_s);
    QVERIFY(m_panel->save());
    QCOMPARE(saved(u"twilio.api_key_secret"_s), u"keysecret0123"_s);
    // Saved once, the secret need not be typed again.
    QVERIFY(m_panel->save());
}

void TestSetupPanel::secretsAreNeverShown()
{
    configureAccounts();
    m_panel = std::make_unique<SetupPanel>(*m_data, m_network.get());
    m_panel->show();
    QCOMPARE(field(u"twilio.auth_token"_s)->text(), QString());
    QCOMPARE(field(u"twilio.auth_token"_s)->placeholderText(), u"(set)"_s);
    QCOMPARE(field(u"retell.api_key"_s)->placeholderText(), u"(set)"_s);
    QCOMPARE(field(u"twilio.api_key_secret"_s)->placeholderText(), u"(not set)"_s);
    for (const QString &text : visibleTexts())
        QVERIFY2(!text.contains(AuthToken) && !text.contains(RetellKey), qPrintable(text));

    // Saving with the secret fields left empty keeps the saved secrets.
    QVERIFY(m_panel->save());
    QCOMPARE(saved(u"twilio.auth_token"_s), AuthToken);
    QCOMPARE(saved(u"retell.api_key"_s), RetellKey);

    // A new secret is typed masked, stored, and gone from the field.
    const QString newToken = u"newtoken0123456789abcdef01234567"_s;
    field(u"twilio.auth_token"_s)->setText(newToken);
    QCOMPARE(field(u"twilio.auth_token"_s)->echoMode(), QLineEdit::Password);
    QVERIFY(!field(u"twilio.auth_token"_s)->displayText().contains(newToken));
    QVERIFY(m_panel->save());
    QCOMPARE(saved(u"twilio.auth_token"_s), newToken);
    QCOMPARE(field(u"twilio.auth_token"_s)->text(), QString());
    QCOMPARE(field(u"twilio.auth_token"_s)->placeholderText(), u"(set)"_s);
    for (const QString &text : visibleTexts())
        QVERIFY2(!text.contains(newToken), qPrintable(text));
}

void TestSetupPanel::loadsNumbersPageByPageAndAppliesThem()
{
    configureAccounts();
    setSetting(u"server.public_url"_s, u"https://desk.example.com"_s);
    const QString token = saved(u"server.webhook_token"_s);
    const CallbackUrls urls(QUrl(u"https://desk.example.com"_s), token);
    QStringList sids;
    for (int i = 0; i < 7; ++i)
        sids.append(m_twilio->addNumber(u"+1555765432%1"_s.arg(i), u"Line %1"_s.arg(i)));
    m_twilio->setNumberField(sids.at(1), u"voice_url"_s, u"https://demo.twilio.com/welcome/voice/"_s);
    m_twilio->setMaxPageSize(3);
    m_panel = std::make_unique<SetupPanel>(*m_data, m_network.get());
    m_panel->show();

    QSignalSpy loaded(m_panel.get(), &SetupPanel::numbersLoaded);
    m_panel->findChild<QPushButton *>(u"loadNumbers"_s)->click();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.at(0).at(0).toBool(), true);
    QCOMPARE(m_twilio->requests().size(), 3); // three pages

    auto *tree = m_panel->findChild<QTreeWidget *>(u"numbers"_s);
    QCOMPARE(tree->topLevelItemCount(), 7);
    // Shown the practice's way; what is saved stays E.164.
    QCOMPARE(tree->topLevelItem(1)->text(0), u"(555) 765-4321"_s);
    QCOMPARE(tree->topLevelItem(1)->text(1), u"Line 1"_s);
    QCOMPARE(tree->topLevelItem(1)->text(2), u"https://demo.twilio.com/welcome/voice/"_s);
    QCOMPARE(tree->topLevelItem(6)->text(0), u"(555) 765-4326"_s);
    QVERIFY(m_panel->chosenNumbers().isEmpty());

    tree->topLevelItem(1)->setCheckState(0, Qt::Checked);
    tree->topLevelItem(6)->setCheckState(0, Qt::Checked);
    QSignalSpy applied(m_panel.get(), &SetupPanel::applyFinished);
    m_panel->findChild<QPushButton *>(u"apply"_s)->click();
    QVERIFY(applied.wait(10000));

    const QString voice = urls.voice().toString();
    // First the Twilio-hosted fallback for when this computer cannot answer, then each number pointed here.
    const QString flowUrl = saved(u"twilio.voice_fallback_url"_s);
    QVERIFY2(flowUrl.startsWith(u"https://webhooks.twilio.com/v1/Accounts/"_s), qPrintable(flowUrl));
    QCOMPARE(m_panel->applyLines().size(), 3);
    QVERIFY2(m_panel->applyLines().at(0).startsWith(u"When this computer cannot answer, Twilio now "_s),
        qPrintable(m_panel->applyLines().at(0)));
    QCOMPARE(m_panel->applyLines().mid(1),
        (QStringList {
            u"+15557654321: voice URL changed from https://demo.twilio.com/welcome/voice/ to this app; voice fallback URL set to %1; status callback set."_s.arg(flowUrl),
            u"+15557654326: voice URL set to this app; voice fallback URL set to %1; status callback set."_s.arg(flowUrl),
        }));
    // The Backup URL field shows what was set up.
    QCOMPARE(field(u"twilio.voice_fallback_url"_s)->text(), flowUrl);
    const QList<FakeTwilioRest::Update> updates = m_twilio->updates();
    QCOMPARE(updates.size(), 2);
    QCOMPARE(updates.at(0).numberSid, sids.at(1));
    QCOMPARE(updates.at(0).value(u"VoiceUrl"_s), voice);
    QCOMPARE(updates.at(0).value(u"VoiceMethod"_s), u"POST"_s);
    QCOMPARE(updates.at(0).value(u"StatusCallback"_s), urls.status().toString());
    QCOMPARE(updates.at(1).numberSid, sids.at(6));
    QCOMPARE(saved(u"twilio.numbers"_s), u"+15557654321,+15557654326"_s);
    // The list now says where the calls go.
    QCOMPARE(tree->topLevelItem(1)->text(2), u"this app"_s);
    QCOMPARE(tree->topLevelItem(0)->text(2), u"nowhere (no voice URL)"_s);
    const QList<QLabel *> lines = m_panel->findChildren<QLabel *>(u"applyLine"_s);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(1)->text().contains(u"status callback set."_s));
}

void TestSetupPanel::buttonsWaitWhileTwilioIsAsked()
{
    configureAccounts();
    m_twilio->addNumber(u"+15557654321"_s, u"Front desk"_s);
    m_panel = std::make_unique<SetupPanel>(*m_data, m_network.get());
    m_panel->show();
    QSignalSpy loaded(m_panel.get(), &SetupPanel::numbersLoaded);
    m_panel->loadNumbers();
    // The request is under way and the window is free: the buttons wait, a busy indicator runs.
    QVERIFY(m_panel->isBusy());
    for (const QString &name : { u"save"_s, u"loadNumbers"_s, u"apply"_s, u"check"_s })
        QVERIFY2(!m_panel->findChild<QPushButton *>(name)->isEnabled(), qPrintable(name));
    QVERIFY(loaded.wait(10000));
    QVERIFY(!m_panel->isBusy());
    for (const QString &name : { u"save"_s, u"loadNumbers"_s, u"apply"_s, u"check"_s })
        QVERIFY2(m_panel->findChild<QPushButton *>(name)->isEnabled(), qPrintable(name));
}

void TestSetupPanel::checkSetupShowsGreenAndRedLines()
{
    configureAccounts();
    startRouter();
    const RouterSettings settings = m_data->settings().routerSettings();
    const CallbackUrls urls(settings.publicUrl, settings.webhookToken);
    const QString sid = m_twilio->addNumber(u"+15557654321"_s, u"Front desk"_s, urls.voice().toString());
    m_twilio->setNumberField(sid, u"status_callback"_s, urls.status().toString());
    setSetting(u"twilio.numbers"_s, u"+15557654321"_s);
    // The fallback flow as Apply to Twilio leaves it.
    const QString flowSid = m_twilio->addFlow(FallbackFlow::friendlyName(),
        FallbackFlow::definition(TwilioApply::fallbackPlan(*m_data, m_data->settings().routerSettings())));
    const QString flowUrl = u"https://webhooks.twilio.com/v1/Accounts/%1/Flows/%2"_s.arg(saved(u"twilio.account_sid"_s), flowSid);
    setSetting(u"twilio.voice_fallback_url"_s, flowUrl);
    m_twilio->setNumberField(sid, u"voice_fallback_url"_s, flowUrl);
    m_panel = std::make_unique<SetupPanel>(*m_data, m_network.get());
    m_panel->show();

    QSignalSpy checked(m_panel.get(), &SetupPanel::checkFinished);
    m_panel->findChild<QPushButton *>(u"check"_s)->click();
    QVERIFY(checked.wait(15000));
    QList<SetupCheckLine> lines = m_panel->checkLines();
    QCOMPARE(lines.size(), 6);
    // The router's public URL here is its loopback address, which Twilio out on the internet could never reach.
    for (const SetupCheckLine &line : lines) {
        const bool reach = line.title == u"Twilio can reach this computer"_s;
        QVERIFY2(line.ok != reach, qPrintable(line.title + u": "_s + line.detail));
    }
    QList<QLabel *> labels = m_panel->findChildren<QLabel *>(u"checkLine"_s);
    QCOMPARE(labels.size(), 6);
    QVERIFY(labels.at(0)->text().contains(u"✔ Twilio account"_s));
    QVERIFY(labels.at(2)->text().contains(u"✔ When this computer cannot answer"_s));
    QVERIFY2(labels.at(3)->text().contains(u"✘ Twilio can reach this computer"_s), qPrintable(labels.at(3)->text()));
    QVERIFY2(labels.at(3)->text().contains(u"loopback address"_s), qPrintable(labels.at(3)->text()));

    // A wrong agent ID turns its line red, with the fix spelled out.
    field(u"retell.agent_id"_s)->setText(u"agent_typo"_s);
    m_panel->findChild<QPushButton *>(u"check"_s)->click();
    QVERIFY(checked.wait(15000));
    lines = m_panel->checkLines();
    QVERIFY(!lines.at(4).ok);
    labels = m_panel->findChildren<QLabel *>(u"checkLine"_s);
    QCOMPARE(labels.size(), 6);
    QVERIFY2(labels.at(4)->text().contains(u"✘ Retell AI voice agent"_s), qPrintable(labels.at(4)->text()));
    QVERIFY2(labels.at(4)->text().contains(u"Fix:"_s), qPrintable(labels.at(4)->text()));
    QVERIFY(!labels.at(4)->text().contains(RetellKey));
}

void TestSetupPanel::numbersCanBeTypedWhenTheListFails()
{
    configureAccounts();
    m_twilio->failEverything(503, 20503, u"Service Unavailable"_s);
    m_panel = std::make_unique<SetupPanel>(*m_data, m_network.get());
    m_panel->show();
    auto *manual = m_panel->findChild<QLineEdit *>(u"manualNumber"_s);
    QVERIFY(!manual->isVisible());

    QSignalSpy loaded(m_panel.get(), &SetupPanel::numbersLoaded);
    m_panel->findChild<QPushButton *>(u"loadNumbers"_s)->click();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.at(0).at(0).toBool(), false);
    auto *error = m_panel->findChild<QLabel *>(u"numbersError"_s);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"Twilio answered HTTP 503 (20503): Service Unavailable."_s),
        qPrintable(error->text()));
    QVERIFY(manual->isVisible());

    manual->setText(u"hello"_s);
    m_panel->findChild<QPushButton *>(u"addNumber"_s)->click();
    QVERIFY(m_panel->chosenNumbers().isEmpty());
    manual->setText(u"(555) 765-4321"_s);
    m_panel->findChild<QPushButton *>(u"addNumber"_s)->click();
    QCOMPARE(m_panel->chosenNumbers(), QStringList { u"+15557654321"_s });
    QVERIFY(manual->text().isEmpty());
    QVERIFY(m_panel->save());
    QCOMPARE(saved(u"twilio.numbers"_s), u"+15557654321"_s);
}

void TestSetupPanel::webhookUrlsCanBeCopied()
{
    setSetting(u"server.public_url"_s, u"https://desk.example.com"_s);
    m_panel = std::make_unique<SetupPanel>(*m_data, m_network.get());
    m_panel->show();
    const QString token = saved(u"server.webhook_token"_s);
    auto *webhook = m_panel->findChild<QLineEdit *>(u"webhookUrl"_s);
    QVERIFY(webhook->isReadOnly());
    const QList<QPushButton *> copies = m_panel->findChildren<QPushButton *>();
    QPushButton *copyWebhook = nullptr;
    for (QPushButton *button : copies) {
        if (button->parentWidget() == webhook->parentWidget())
            copyWebhook = button;
    }
    QVERIFY(copyWebhook);
    copyWebhook->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"https://desk.example.com/twilio/voice/"_s + token);
    QCOMPARE(copyWebhook->text(), u"Copied"_s);
}

void TestSetupPanel::routingSwitchSavesWithTheForm()
{
    m_panel = std::make_unique<SetupPanel>(*m_data, m_network.get());
    m_panel->show();
    auto *routing = m_panel->findChild<QCheckBox *>(u"routing.enabled"_s);
    QVERIFY(!routing->isChecked());
    routing->click();
    // Like every other entry: nothing changes until Save.
    QCOMPARE(saved(u"routing.enabled"_s), u"false"_s);
    const QString note = m_panel->findChild<QLabel *>(u"routingNote"_s)->text();
    QVERIFY2(note.startsWith(u"Not saved yet"_s), qPrintable(note));
    QVERIFY(m_panel->save());
    QCOMPARE(saved(u"routing.enabled"_s), u"true"_s);
    QCOMPARE(m_panel->findChild<QLabel *>(u"routingNote"_s)->text(), u"On: calls follow the routing plan."_s);
    // Paused from elsewhere (the tray), the panel follows as soon as it is saved there.
    setSetting(u"routing.enabled"_s, u"false"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!routing->isChecked(), 10000);
    // But a change the owner has not saved yet is not overwritten.
    routing->click();
    setSetting(u"server.public_url"_s, u"https://calls.example.com"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_panel->findChild<QLineEdit *>(u"webhookUrl"_s)->text().startsWith(u"https://calls.example.com/"_s), 10000);
    QVERIFY(routing->isChecked());
}

void TestSetupPanel::startsAtLoginOnceSetUpUntilUnticked()
{
    QFile::remove(autostartEntry()); // another test's data folder may have set it up
    m_panel = std::make_unique<SetupPanel>(*m_data, m_network.get());
    m_panel->show();
    auto *startAtLogin = m_panel->findChild<QCheckBox *>(u"startAtLogin"_s);
    auto *routing = m_panel->findChild<QCheckBox *>(u"routing.enabled"_s);
    QVERIFY(startAtLogin && routing);
    // Not set up yet: nothing would answer calls after a login anyway.
    QVERIFY(!startAtLogin->isChecked());
    QVERIFY(!QFile::exists(autostartEntry()));

    // Set up: the app now starts at login, for this data folder, hidden in the tray.
    configureAccounts();
    routing->click();
    QVERIFY(m_panel->save());
    QVERIFY(startAtLogin->isChecked());
    QFile entry(autostartEntry());
    QVERIFY(entry.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(entry.readAll());
    entry.close();
    const QString exec = u"Exec=%1 --data-dir %2 gui --hidden\n"_s.arg(
        QCoreApplication::applicationFilePath(), QDir(m_dir->path()).absolutePath());
    QVERIFY2(text.contains(exec), qPrintable(text));

    // Unticked, it stays off: through pausing and resuming routing, and in a new window.
    startAtLogin->click();
    QVERIFY(!startAtLogin->isChecked());
    QVERIFY(!QFile::exists(autostartEntry()));
    routing->click();
    QVERIFY(m_panel->save());
    routing->click();
    QVERIFY(m_panel->save());
    QCOMPARE(saved(u"routing.enabled"_s), u"true"_s);
    QVERIFY(!QFile::exists(autostartEntry()));
    m_panel = std::make_unique<SetupPanel>(*m_data, m_network.get());
    startAtLogin = m_panel->findChild<QCheckBox *>(u"startAtLogin"_s);
    QVERIFY(!startAtLogin->isChecked());
    QVERIFY(!QFile::exists(autostartEntry()));

    // Ticked again, it is back.
    startAtLogin->click();
    QVERIFY(startAtLogin->isChecked());
    QVERIFY(QFile::exists(autostartEntry()));
}

void TestSetupPanel::untickedBeforeSetUpStaysOff()
{
    QFile::remove(autostartEntry());
    m_panel = std::make_unique<SetupPanel>(*m_data, m_network.get());
    m_panel->show();
    auto *startAtLogin = m_panel->findChild<QCheckBox *>(u"startAtLogin"_s);
    QVERIFY(startAtLogin);
    startAtLogin->click();
    QVERIFY(QFile::exists(autostartEntry()));
    startAtLogin->click();
    QVERIFY(!QFile::exists(autostartEntry()));

    // Set up from the command line while the window is open: the owner's "no" still stands.
    configureAccounts();
    setSetting(u"routing.enabled"_s, u"true"_s);
    auto *routing = m_panel->findChild<QCheckBox *>(u"routing.enabled"_s);
    QTRY_VERIFY_WITH_TIMEOUT(routing->isChecked(), 10000);
    QVERIFY(!startAtLogin->isChecked());
    QVERIFY(!QFile::exists(autostartEntry()));
}

// A picture of the panel as a practice owner sees it after setting up, for a person to look at.
void TestSetupPanel::screenshot()
{
    configureAccounts();
    startRouter();
    setSetting(u"routing.enabled"_s, u"true"_s);
    const RouterSettings settings = m_data->settings().routerSettings();
    const CallbackUrls urls(settings.publicUrl, settings.webhookToken);
    const QString frontDesk = m_twilio->addNumber(u"+15557654321"_s, u"(555) 765-4321 Front desk"_s);
    m_twilio->addNumber(
        u"+15557654322"_s, u"(555) 765-4322 Billing"_s, u"https://demo.twilio.com/welcome/voice/"_s);
    m_twilio->addNumber(u"+15557654399"_s, u"(555) 765-4399 Fax"_s, u"https://fax.example.com/incoming"_s);
    m_twilio->setNumberField(frontDesk, u"voice_url"_s, u"https://old-ivr.example.com/voice"_s);
    m_panel = std::make_unique<SetupPanel>(*m_data, m_network.get());
    m_panel->resize(1280, 800);
    m_panel->show();

    QSignalSpy loaded(m_panel.get(), &SetupPanel::numbersLoaded);
    m_panel->loadNumbers();
    QVERIFY(loaded.wait(10000));
    auto *tree = m_panel->findChild<QTreeWidget *>(u"numbers"_s);
    tree->topLevelItem(0)->setCheckState(0, Qt::Checked);
    tree->topLevelItem(1)->setCheckState(0, Qt::Checked);
    QSignalSpy applied(m_panel.get(), &SetupPanel::applyFinished);
    m_panel->applyToTwilio();
    QVERIFY(applied.wait(10000));
    // The fallback number was mistyped and the agent ID is from another account: two red lines.
    field(u"retell.agent_id"_s)->setText(u"agent_0ld1d"_s);
    QSignalSpy checked(m_panel.get(), &SetupPanel::checkFinished);
    m_panel->checkSetup();
    QVERIFY(checked.wait(15000));
    field(u"routing.fallback_number"_s)->setText(u"555-01"_s);
    m_panel->save();

    QTest::qWait(50); // lets the layout settle
    const QString path = QDir(QDir::tempPath()).filePath(u"switchboard-setuppanel.png"_s);
    QVERIFY(m_panel->grab().save(path));
    qInfo() << "Saved the Setup panel to" << path;
}

void TestSetupPanel::otherSeatsSeeTheAddressAndTokens()
{
    QString error;
    QVERIFY(m_data->settings().ensureTokens(&error));
    m_panel = std::make_unique<SetupPanel>(*m_data, m_network.get());
    LiveFeedBox *box = m_panel->liveFeedBox();
    QVERIFY(box);
    const QString view = *m_data->settings().value(u"feed.view_token"_s);
    const QString control = *m_data->settings().value(u"feed.control_token"_s);
    QCOMPARE(box->shownToken(u"feed.view_token"_s), view);
    QCOMPARE(box->shownToken(u"feed.control_token"_s), control);
    auto *viewEdit = box->findChild<QLineEdit *>(u"feed.view_token"_s);
    QVERIFY(viewEdit);
    // Masked until asked for.
    QCOMPARE(viewEdit->echoMode(), QLineEdit::Password);
    QCOMPARE(box->seatAddress(), u"ws://127.0.0.1:8081"_s);

    // The listening address is saved with the rest of the panel, and the seat address follows.
    m_panel->findChild<QLineEdit *>(u"feed.listen"_s)->setText(u"127.0.0.1:9555"_s);
    QVERIFY(m_panel->save());
    QCOMPARE(m_data->settings().value(u"feed.listen"_s), std::optional(u"127.0.0.1:9555"_s));
    QCOMPARE(box->findChild<QLineEdit *>(u"feedAddress"_s)->text(), u"ws://127.0.0.1:9555"_s);
    // A bad one is refused at its field.
    m_panel->findChild<QLineEdit *>(u"feed.listen"_s)->setText(u"everywhere"_s);
    QVERIFY(!m_panel->save());
    QVERIFY(!m_panel->findChild<QLabel *>(u"feed.listen.error"_s)->isHidden());

    // A new token replaces the old one, here and in the settings; the other stays.
    QVERIFY(box->renewToken(u"feed.view_token"_s, false));
    const QString renewed = *m_data->settings().value(u"feed.view_token"_s);
    QVERIFY(renewed != view);
    QCOMPARE(box->shownToken(u"feed.view_token"_s), renewed);
    QCOMPARE(box->shownToken(u"feed.control_token"_s), control);

    box->setProblem(u"The live feed cannot listen on 127.0.0.1:9555: address in use."_s);
    QVERIFY(!box->findChild<QLabel *>(u"feedProblem"_s)->isHidden());
}

QTEST_MAIN(TestSetupPanel)
#include "tst_setuppanel.moc"
