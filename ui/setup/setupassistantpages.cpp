// The set-up assistant's pages: each asks one thing, says why, and stores it when the owner goes on.
#include "setupassistantpages.h"

#include "datadir/datadirectory.h"
#include "look/icons.h"
#include "look/statuscolours.h"
#include "phone/phonenormalizer.h"
#include "settings/settings.h"
#include "setup/setupcheck.h"
#include "setup/twilioapply.h"
#include "setup/twiliosetup.h"
#include "storage/database.h"
#include "twilio/twiliorestclient.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QWizard>

#include <QCoroTask>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const QString AccountSidKey = u"twilio.account_sid"_s;
const QString AuthTokenKey = u"twilio.auth_token"_s;
const QString ApiKeySidKey = u"twilio.api_key_sid"_s;
const QString ApiKeySecretKey = u"twilio.api_key_secret"_s;
const QString NumbersKey = u"twilio.numbers"_s;
const QString FallbackKey = u"routing.fallback_number"_s;
const QString RegionKey = u"routing.default_region"_s;
const QString RetellKeyKey = u"retell.api_key"_s;
const QString AgentIdKey = u"retell.agent_id"_s;
const QString PublicUrlKey = u"server.public_url"_s;
const QString ListenKey = u"server.listen"_s;

// The address a tunnel program is pointed at: only this computer can reach it.
const QString TunnelListen = u"127.0.0.1:8080"_s;
// A port-forward arrives from the office network, so every interface listens.
const QString PortForwardListen = u"0.0.0.0:8080"_s;

QFormLayout *newForm()
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return form;
}

bool isSaved(Settings &settings, const QString &key)
{
    return settings.displayValue(key) != u"(not set)"_s;
}

QString displayNumber(Settings &settings, const QString &e164)
{
    return PhoneNormalizer(settings.routerSettings().defaultRegion).toDisplay(e164);
}

QLabel *richLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString checkLineHtml(const SetupCheckLine &line)
{
    QString html = u"<span style=\"color:%1; font-weight:bold\">%2 %3</span><br>%4"_s.arg(
        StatusColours::name(line.ok ? StatusColours::Status::Good : StatusColours::Status::Bad),
        line.ok ? u"✔"_s : u"✘"_s, line.title.toHtmlEscaped(), line.detail.toHtmlEscaped());
    if (!line.ok && !line.fix.isEmpty())
        html += u"<br><b>%1</b> %2"_s.arg(AssistantPage::tr("Fix:").toHtmlEscaped(), line.fix.toHtmlEscaped());
    return html;
}

void clearLayout(QVBoxLayout *layout)
{
    while (QLayoutItem *item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

} // namespace

AssistantPage::AssistantPage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent)
    : QWizardPage(parent)
    , m_data(data)
    , m_network(network)
    , m_body(new QVBoxLayout(this))
    , m_unplacedError(nullptr)
{
}

bool AssistantPage::validatePage()
{
    m_fields.unmarkAll();
    if (m_unplacedError)
        m_unplacedError->hide();
    Settings &settings = m_data.settings();
    QHash<QString, QString> errors;
    QString transactionError;
    // All of the page or nothing, like the Setup panel's Save.
    const bool stored = m_data.database().transaction(
        [&] {
            errors = m_fields.store(settings);
            storeMore(errors);
            return errors.isEmpty();
        },
        &transactionError);
    if (stored)
        return true;
    if (errors.isEmpty())
        showUnplacedError(tr("Not saved: %1").arg(transactionError));
    for (auto it = errors.cbegin(); it != errors.cend(); ++it) {
        if (!m_fields.mark(it.key(), it.value()))
            showUnplacedError(it.value());
    }
    return false;
}

void AssistantPage::showUnplacedError(const QString &error)
{
    if (!m_unplacedError) {
        m_unplacedError = SettingFields::errorLabel(this);
        m_unplacedError->setObjectName(u"pageError"_s);
        m_body->addWidget(m_unplacedError);
    }
    m_unplacedError->setText(error);
    m_unplacedError->show();
}

QLabel *AssistantPage::addParagraph(const QString &text)
{
    auto *label = new QLabel(text, this);
    label->setWordWrap(true);
    m_body->addWidget(label);
    return label;
}

QString AssistantPage::statusHtml(bool ok, const QString &text)
{
    return u"<span style=\"color:%1\">%2</span> %3"_s.arg(
        StatusColours::name(ok ? StatusColours::Status::Good : StatusColours::Status::Bad), ok ? u"✔"_s : u"✘"_s,
        text.toHtmlEscaped());
}

// ---------------------------------------------------------------------------------------------------------

WelcomePage::WelcomePage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent)
    : AssistantPage(data, network, parent)
{
    setTitle(tr("Welcome to Switchboard"));
    setSubTitle(tr("In about five minutes Switchboard will answer your practice's phone numbers: callers with a "
                   "booking talk to your AI receptionist, everyone else rings a person, and nobody is dropped."));
    addParagraph(tr("Have these at hand:"));
    auto *list = richLabel(this);
    list->setText(u"<ul><li>%1</li><li>%2</li><li>%3</li><li>%4</li></ul>"_s.arg(
        tr("your Twilio account's SID and auth token (the Twilio console's home page shows both)").toHtmlEscaped(),
        tr("the phone that should ring when nobody else can take a call").toHtmlEscaped(),
        tr("your Retell agent, if you use one (you can skip it)").toHtmlEscaped(),
        tr("a tunnel or port-forward that gives this computer an https address").toHtmlEscaped()));
    body()->addWidget(list);
    addParagraph(tr("What you enter is saved page by page: you can stop at any time and go on later from "
                    "Setup → Run the assistant again."));
    body()->addStretch(1);
}

// ---------------------------------------------------------------------------------------------------------

AccountPage::AccountPage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent)
    : AssistantPage(data, network, parent)
{
    setTitle(tr("Your Twilio account"));
    setSubTitle(tr("Your phone numbers live at Twilio: with your account Switchboard finds them and points them "
                   "here, and the auth token proves that each call really comes from Twilio."));
    QFormLayout *form = newForm();
    body()->addLayout(form);
    m_fields.add(form, AccountSidKey, tr("Account SID"), tr("AC followed by 32 letters and digits"), {});
    m_fields.add(form, AuthTokenKey, tr("Auth token"), {},
        tr("Both are in the Account Info box on the Twilio console's home page."), true);

    m_useApiKey = new QCheckBox(tr("My account uses an API key for its REST API"), this);
    m_useApiKey->setObjectName(u"useApiKey"_s);
    body()->addWidget(m_useApiKey);
    m_apiKeyRows = new QWidget(this);
    QFormLayout *keyForm = newForm();
    keyForm->setContentsMargins(0, 0, 0, 0);
    m_apiKeyRows->setLayout(keyForm);
    m_fields.add(keyForm, ApiKeySidKey, tr("API key SID"), tr("SK…"), {});
    m_fields.add(keyForm, ApiKeySecretKey, tr("API key secret"), {},
        tr("Used instead of the auth token to change your numbers; the auth token is still needed to check "
           "each call."),
        true);
    body()->addWidget(m_apiKeyRows);
    body()->addStretch(1);
    connect(m_useApiKey, &QCheckBox::toggled, m_apiKeyRows, [this](bool on) {
        m_apiKeyRows->setVisible(on);
        // Unticked, no key is kept: calls to Twilio use the auth token, and nothing typed in the hidden
        // entries can be refused where it cannot be seen.
        if (!on) {
            m_fields.edit(ApiKeySidKey)->clear();
            m_fields.edit(ApiKeySecretKey)->clear();
        }
    });
    for (const SettingFields::Field &field : m_fields.fields())
        connect(field.edit, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
}

void AccountPage::initializePage()
{
    Settings &settings = m_data.settings();
    m_fields.load(settings);
    const bool hasKey = !m_fields.text(ApiKeySidKey).isEmpty();
    m_useApiKey->setChecked(hasKey);
    m_apiKeyRows->setVisible(hasKey);
}

bool AccountPage::isComplete() const
{
    return !m_fields.text(AccountSidKey).isEmpty()
        && (!m_fields.text(AuthTokenKey).isEmpty() || isSaved(m_data.settings(), AuthTokenKey));
}

// ---------------------------------------------------------------------------------------------------------

NumbersPage::NumbersPage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent)
    : AssistantPage(data, network, parent)
{
    setTitle(tr("The numbers to answer"));
    setSubTitle(tr("Switchboard answers only the numbers you tick here; calls to your other numbers stay as they "
                   "are."));
    m_status = richLabel(this);
    m_status->setObjectName(u"numbersStatus"_s);
    auto *reload = new QPushButton(Icons::named(u"view-refresh"_s), tr("Load again"), this);
    reload->setObjectName(u"reloadNumbers"_s);
    connect(reload, &QPushButton::clicked, this, &NumbersPage::load);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(reload, 0, Qt::AlignTop);
    body()->addLayout(statusRow);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"numbers"_s);
    m_list->setHeaderLabels({ tr("Number"), tr("Name") });
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    connect(m_list, &QTreeWidget::itemChanged, this, &QWizardPage::completeChanged);
    body()->addWidget(m_list, 1);

    // Set-up never depends on Twilio's API answering: a number can be typed instead.
    m_typeRow = new QWidget(this);
    auto *typeLayout = new QHBoxLayout(m_typeRow);
    typeLayout->setContentsMargins(0, 0, 0, 0);
    m_typed = new QLineEdit(m_typeRow);
    m_typed->setObjectName(u"typedNumber"_s);
    m_typed->setPlaceholderText(tr("Type a Twilio number, e.g. +1 555 765 4321"));
    m_typed->setAccessibleName(tr("Twilio number"));
    auto *add = new QPushButton(tr("Add"), m_typeRow);
    add->setObjectName(u"addNumber"_s);
    connect(add, &QPushButton::clicked, this, &NumbersPage::addTypedNumber);
    connect(m_typed, &QLineEdit::returnPressed, this, &NumbersPage::addTypedNumber);
    typeLayout->addWidget(m_typed, 1);
    typeLayout->addWidget(add);
    m_typeRow->hide();
    body()->addWidget(m_typeRow);
    m_typedError = SettingFields::errorLabel(this);
    body()->addWidget(m_typedError);
}

void NumbersPage::initializePage()
{
    // Each visit asks again: the account may have changed on the page before.
    load();
}

bool NumbersPage::isComplete() const
{
    return !m_loading && !chosenNumbers().isEmpty();
}

QStringList NumbersPage::chosenNumbers() const
{
    QStringList numbers;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->checkState(0) == Qt::Checked)
            numbers.append(item->data(0, Qt::UserRole).toString());
    }
    return numbers;
}

QTreeWidgetItem *NumbersPage::addRow(const QString &e164, const QString &name, bool checked)
{
    const QSignalBlocker blocker(m_list);
    auto *item = new QTreeWidgetItem(m_list, QStringList { displayNumber(m_data.settings(), e164), name });
    item->setData(0, Qt::UserRole, e164);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
    return item;
}

void NumbersPage::load()
{
    if (m_loading)
        return;
    const RouterSettings settings = m_data.settings().routerSettings();
    // Until Twilio's list arrives (or when it cannot), the numbers saved before.
    if (m_list->topLevelItemCount() == 0) {
        for (const QString &saved : settings.twilioNumbers)
            addRow(saved, {}, true);
    }
    const TwilioSetup twilio(settings);
    if (!twilio.hasCredentials()) {
        showProblem(tr("The Twilio account is not complete: go back and enter its SID and auth token."));
        return;
    }
    m_loading = true;
    m_status->setText(tr("Asking Twilio for your numbers…"));
    m_status->setStyleSheet({});
    Q_EMIT completeChanged();
    QCoro::connect(twilio.client(m_network, TwilioApply::RestTimeout).listIncomingNumbers(), this,
        [this](const Result<QList<IncomingNumber>> &result) {
            m_loading = false;
            if (result.ok())
                showNumbers(result.value());
            else
                showProblem(tr("Twilio did not give the list: %1 Go back to check the account, or type your "
                               "Twilio number below.")
                                .arg(result.error()));
            Q_EMIT completeChanged();
            Q_EMIT loadFinished(result.ok());
        });
}

void NumbersPage::showNumbers(const QList<IncomingNumber> &numbers)
{
    // What was ticked before (saved or on this page) stays ticked; a lone number is ticked for the owner.
    QStringList chosen = chosenNumbers();
    for (const QString &saved : m_data.settings().routerSettings().twilioNumbers) {
        if (!chosen.contains(saved))
            chosen.append(saved);
    }
    m_list->clear();
    for (const IncomingNumber &number : numbers)
        addRow(number.phoneNumber, number.friendlyName,
            chosen.contains(number.phoneNumber) || numbers.size() == 1);
    m_typeRow->hide();
    m_typedError->hide();
    if (numbers.isEmpty()) {
        showProblem(tr("This Twilio account has no phone numbers yet. Buy one in the Twilio console, then press "
                       "Load again."));
        return;
    }
    m_status->setStyleSheet({});
    m_status->setText(tr("Your Twilio account has %n number(s). Tick the ones Switchboard should answer.", nullptr,
        int(numbers.size())));
}

void NumbersPage::showProblem(const QString &problem)
{
    m_status->setText(problem.toHtmlEscaped());
    m_status->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    m_typeRow->show();
}

void NumbersPage::showUnplacedError(const QString &error)
{
    showProblem(error);
}

void NumbersPage::addTypedNumber()
{
    const QString written = m_typed->text().trimmed();
    if (written.isEmpty())
        return;
    QString error;
    const std::optional<QString> e164
        = PhoneNormalizer(m_data.settings().routerSettings().defaultRegion).toE164(written, &error);
    if (!e164) {
        m_typedError->setText(error);
        m_typedError->show();
        SettingFields::markInvalid(m_typed);
        return;
    }
    SettingFields::unmark(m_typed, m_typedError);
    m_typed->clear();
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(0, Qt::UserRole).toString() == *e164) {
            item->setCheckState(0, Qt::Checked);
            return;
        }
    }
    addRow(*e164, tr("typed in"), true);
    Q_EMIT completeChanged();
}

void NumbersPage::storeMore(QHash<QString, QString> &errors)
{
    QString error;
    if (!m_data.settings().set(NumbersKey, chosenNumbers().join(u','), &error))
        errors.insert(NumbersKey, error);
}

// ---------------------------------------------------------------------------------------------------------

FallbackPage::FallbackPage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent)
    : AssistantPage(data, network, parent)
{
    setTitle(tr("Who answers when nobody else can"));
    setSubTitle(tr("When the AI agent cannot take a call, or a caller has no booking and nobody else is set to "
                   "ring, this phone rings, so no caller is ever turned away."));
    QFormLayout *form = newForm();
    body()->addLayout(form);
    m_fields.add(form, FallbackKey, tr("Fallback number"), tr("for example (555) 010-2030"),
        tr("The front desk's phone or a mobile: any number that can take a call."));
    m_fields.add(form, RegionKey, tr("Country"), Settings::defaultOf(RegionKey),
        tr("Two-letter country code (US, GB, DE…): numbers written without + are read as this country's."));
    body()->addStretch(1);
    connect(m_fields.edit(FallbackKey), &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
}

void FallbackPage::initializePage()
{
    Settings &settings = m_data.settings();
    m_fields.load(settings);
    // On a new install the country is guessed from the computer's own, rather than the contract's US.
    if (!isSaved(settings, FallbackKey)) {
        const QString territory = QLocale::territoryToCode(QLocale::system().territory());
        if (PhoneNormalizer::isKnownRegion(territory))
            m_fields.edit(RegionKey)->setText(territory);
    }
}

bool FallbackPage::isComplete() const
{
    return !m_fields.text(FallbackKey).isEmpty();
}

// ---------------------------------------------------------------------------------------------------------

AgentPage::AgentPage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent)
    : AssistantPage(data, network, parent)
{
    setTitle(tr("Your AI receptionist (optional)"));
    setSubTitle(tr("Callers with a booking can talk to your Retell AI agent; skip this page and they ring a person "
                   "like everyone else."));
    QFormLayout *form = newForm();
    body()->addLayout(form);
    m_fields.add(form, RetellKeyKey, tr("Retell API key"), {}, {}, true);
    m_fields.add(form, AgentIdKey, tr("Voice agent ID"), tr("agent_…"),
        tr("From the Retell dashboard; a chat agent cannot take phone calls."));
    body()->addStretch(1);
    for (const SettingFields::Field &field : m_fields.fields())
        connect(field.edit, &QLineEdit::textChanged, this, &AgentPage::nameTheNextButton);
}

void AgentPage::initializePage()
{
    m_fields.load(m_data.settings());
    nameTheNextButton();
}

bool AgentPage::isSkipped() const
{
    return m_fields.text(RetellKeyKey).isEmpty() && m_fields.text(AgentIdKey).isEmpty()
        && !isSaved(m_data.settings(), RetellKeyKey);
}

void AgentPage::nameTheNextButton()
{
    if (!wizard())
        return;
    setButtonText(QWizard::NextButton, isSkipped() ? tr("&Skip >") : wizard()->buttonText(QWizard::NextButton));
}

bool AgentPage::validatePage()
{
    if (isSkipped())
        return true;
    const bool keyThere = !m_fields.text(RetellKeyKey).isEmpty() || isSaved(m_data.settings(), RetellKeyKey);
    const bool agentThere = !m_fields.text(AgentIdKey).isEmpty();
    // One without the other would hand callers to an agent that cannot be reached.
    if (keyThere != agentThere) {
        m_fields.unmarkAll();
        m_fields.mark(keyThere ? AgentIdKey : RetellKeyKey,
            keyThere ? tr("Enter the voice agent ID too, or clear the API key to skip this page.")
                     : tr("Enter the Retell API key too, or clear the agent ID to skip this page."));
        return false;
    }
    return AssistantPage::validatePage();
}

// ---------------------------------------------------------------------------------------------------------

ConnectionPage::ConnectionPage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent)
    : AssistantPage(data, network, parent)
{
    setTitle(tr("How Twilio reaches this computer"));
    setSubTitle(tr("Twilio hands each call to Switchboard over the internet, so this computer needs an https "
                   "address that leads to it."));
    m_tunnel = new QRadioButton(tr("A tunnel (Cloudflare Tunnel, ngrok…) gives this computer an https address"), this);
    m_tunnel->setObjectName(u"tunnel"_s);
    m_portForward
        = new QRadioButton(tr("The office router forwards a port to this computer, behind an https proxy"), this);
    m_portForward->setObjectName(u"portForward"_s);
    body()->addWidget(m_tunnel);
    body()->addWidget(m_portForward);
    QFormLayout *form = newForm();
    body()->addLayout(form);
    m_fields.add(form, PublicUrlKey, tr("Public address"), tr("https://frontdesk.example.net"),
        tr("The https address the tunnel or the port-forward gives you."));
    m_fields.add(form, ListenKey, tr("Listen on"), Settings::defaultOf(ListenKey),
        tr("Where Switchboard takes the calls on this computer: point the tunnel or the port-forward here."));

    m_check = new QPushButton(Icons::named(u"dialog-ok"_s), tr("Check the connection"), this);
    m_check->setObjectName(u"checkConnection"_s);
    connect(m_check, &QPushButton::clicked, this, &ConnectionPage::check);
    auto *checkRow = new QHBoxLayout;
    checkRow->addWidget(m_check);
    checkRow->addWidget(SettingFields::hintLabel(
        tr("Sends a signed test request to the public address, as Twilio would; nothing is stored."), this), 1);
    body()->addLayout(checkRow);
    m_result = richLabel(this);
    m_result->setObjectName(u"connectionResult"_s);
    body()->addWidget(m_result);
    body()->addStretch(1);

    connect(m_tunnel, &QRadioButton::toggled, this, &ConnectionPage::suggestListenAddress);
    connect(m_portForward, &QRadioButton::toggled, this, &ConnectionPage::suggestListenAddress);
    connect(m_fields.edit(PublicUrlKey), &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
}

void ConnectionPage::initializePage()
{
    m_fields.load(m_data.settings());
    const QString listen = m_fields.text(ListenKey);
    const QSignalBlocker tunnelBlocker(m_tunnel);
    const QSignalBlocker forwardBlocker(m_portForward);
    if (listen.startsWith(u"127."_s) || listen.startsWith(u"[::1]"_s) || listen.startsWith(u"localhost"_s))
        m_tunnel->setChecked(true);
    else
        m_portForward->setChecked(true);
}

void ConnectionPage::suggestListenAddress()
{
    // Only the two usual addresses are swapped: one the owner typed is theirs.
    QLineEdit *listen = m_fields.edit(ListenKey);
    const QString now = listen->text().trimmed();
    if (!now.isEmpty() && now != TunnelListen && now != PortForwardListen)
        return;
    listen->setText(m_tunnel->isChecked() ? TunnelListen : PortForwardListen);
}

bool ConnectionPage::isComplete() const
{
    return !m_checking && !m_fields.text(PublicUrlKey).isEmpty();
}

void ConnectionPage::check()
{
    if (m_checking)
        return;
    const QString listenBefore = m_data.settings().value(ListenKey).value_or(QString());
    if (!validatePage()) {
        m_result->setText(statusHtml(false, tr("Fix the entries marked in red first.")));
        return;
    }
    m_checking = true;
    m_check->setEnabled(false);
    m_result->setText(tr("Asking Twilio's way in…"));
    Q_EMIT completeChanged();
    const RouterSettings settings = m_data.settings().routerSettings();
    const auto run = [this, settings] {
        QCoro::connect(SetupCheck(m_network, settings).runReachability(), this, [this](const SetupCheckLine &line) {
            m_checking = false;
            m_check->setEnabled(true);
            m_lastCheck = line;
            m_result->setText(checkLineHtml(line));
            Q_EMIT completeChanged();
            Q_EMIT checkFinished();
        });
    };
    // A new listening address is taken up by the router when it notices the saved change, a moment later.
    if (m_data.settings().value(ListenKey).value_or(QString()) != listenBefore)
        QTimer::singleShot(500, this, run);
    else
        run();
}

// ---------------------------------------------------------------------------------------------------------

ApplyPage::ApplyPage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent)
    : AssistantPage(data, network, parent)
{
    setTitle(tr("Point the numbers here"));
    setSubTitle(tr("Until Twilio is told, your numbers' calls go where they went before; nothing changes on your "
                   "Twilio account until you press Apply."));
    m_plan = richLabel(this);
    m_plan->setObjectName(u"applyPlan"_s);
    body()->addWidget(m_plan);
    m_apply = new QPushButton(Icons::named(u"network-transmit"_s), tr("Apply to Twilio"), this);
    m_apply->setObjectName(u"apply"_s);
    connect(m_apply, &QPushButton::clicked, this, &ApplyPage::apply);
    m_busy = new QLabel(this);
    auto *applyRow = new QHBoxLayout;
    applyRow->addWidget(m_apply);
    applyRow->addWidget(m_busy, 1);
    body()->addLayout(applyRow);
    m_results = new QVBoxLayout;
    m_results->setSpacing(4);
    body()->addLayout(m_results);
    body()->addStretch(1);
}

void ApplyPage::initializePage()
{
    Settings &settings = m_data.settings();
    const RouterSettings router = settings.routerSettings();
    QStringList numbers;
    for (const QString &number : router.twilioNumbers)
        numbers.append(displayNumber(settings, number));
    QString html = tr("Apply to Twilio will:").toHtmlEscaped() + u"<ul>"_s;
    html += u"<li>%1</li>"_s.arg(tr("send the calls to %1 to Switchboard on this computer")
                                    .arg(QLocale().createSeparatedList(numbers))
                                    .toHtmlEscaped());
    html += u"<li>%1</li>"_s.arg(tr("have Twilio itself ring %1 whenever this computer cannot answer (switched "
                                    "off, asleep, offline)")
                                    .arg(displayNumber(settings, router.fallbackNumber))
                                    .toHtmlEscaped());
    html += u"<li>%1</li></ul>"_s.arg(tr("start routing calls by your plan").toHtmlEscaped());
    m_plan->setText(html);
}

bool ApplyPage::isComplete() const
{
    return m_applied && !m_applying;
}

void ApplyPage::apply()
{
    if (m_applying)
        return;
    const RouterSettings settings = m_data.settings().routerSettings();
    clearLayout(m_results);
    m_lines.clear();
    if (const QString problem = TwilioApply::missing(settings); !problem.isEmpty()) {
        m_lines.append(problem);
        auto *label = richLabel(this);
        label->setText(statusHtml(false, problem));
        m_results->addWidget(label);
        label->show();
        Q_EMIT applyFinished(false);
        return;
    }
    m_applying = true;
    m_apply->setEnabled(false);
    m_busy->setText(tr("Pointing the numbers at this app…"));
    Q_EMIT completeChanged();
    QCoro::connect(TwilioApply::run(m_network, m_data), this, [this](const TwilioApplyOutcome &outcome) {
        m_applying = false;
        m_applied = true;
        m_apply->setEnabled(true);
        m_busy->clear();
        m_lines = outcome.lines;
        for (qsizetype i = 0; i < outcome.lines.size(); ++i) {
            auto *label = richLabel(this);
            label->setObjectName(u"applyLine"_s);
            label->setText(statusHtml(outcome.ok.value(i), outcome.lines.at(i)));
            m_results->addWidget(label);
            // Shown now, not on the next pass of the event loop, so that what is reported is on screen at once.
            label->show();
        }
        // The numbers now send their calls here: from now on they follow the plan.
        if (outcome.allOk()) {
            QString error;
            if (!m_data.settings().set(u"routing.enabled"_s, u"true"_s, &error))
                showUnplacedError(error);
        }
        Q_EMIT completeChanged();
        Q_EMIT applyFinished(outcome.allOk());
    });
}

// ---------------------------------------------------------------------------------------------------------

TestCallPage::TestCallPage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent)
    : AssistantPage(data, network, parent)
{
    setTitle(tr("Try it: call your number"));
    setSubTitle(tr("A call from your own mobile shows that everything works, and what your callers will hear."));
    setFinalPage(true);
    m_steps = richLabel(this);
    m_steps->setObjectName(u"whatWillHappen"_s);
    body()->addWidget(m_steps);
    m_checkingNote = new QLabel(this);
    body()->addWidget(m_checkingNote);
    m_results = new QVBoxLayout;
    m_results->setSpacing(4);
    body()->addLayout(m_results);
    m_watch = new QCheckBox(tr("Open Live calls to watch the test call"), this);
    m_watch->setObjectName(u"watchLiveCalls"_s);
    m_watch->setChecked(true);
    body()->addStretch(1);
    body()->addWidget(m_watch);
}

bool TestCallPage::watchLiveCalls() const
{
    return m_watch->isChecked();
}

QStringList TestCallPage::whatWillHappen() const
{
    Settings &settings = m_data.settings();
    const RouterSettings router = settings.routerSettings();
    QStringList sentences;
    const QString number
        = router.twilioNumbers.isEmpty() ? QString() : displayNumber(settings, router.twilioNumbers.first());
    sentences.append(tr("Call %1 from your mobile now.").arg(number));
    sentences.append(tr("Your mobile has no booking, so Switchboard hands the call to a person: %1 rings (unless a "
                        "rule on the Routing page sends it elsewhere).")
                         .arg(displayNumber(settings, router.fallbackNumber)));
    sentences.append(router.retellAgentId.isEmpty()
            ? tr("Callers with a booking ring a person too, until you add a Retell agent in Setup.")
            : tr("A caller with a booking talks to your AI receptionist first, and reaches a person if the agent "
                 "cannot take the call."));
    sentences.append(tr("No phone at hand? Routing → Test a call shows the same path for any caller."));
    return sentences;
}

void TestCallPage::initializePage()
{
    // The call to make stands out; what will happen follows, one point each.
    const QStringList story = whatWillHappen();
    QString html = u"<p><b>%1</b></p><ul>"_s.arg(story.value(0).toHtmlEscaped());
    for (const QString &sentence : story.mid(1))
        html += u"<li>%1</li>"_s.arg(sentence.toHtmlEscaped());
    m_steps->setText(html + u"</ul>"_s);
    clearLayout(m_results);
    m_checkLines.clear();
    m_checking = true;
    m_checkingNote->setText(tr("Checking everything once more…"));
    const RouterSettings settings = m_data.settings().routerSettings();
    SetupCheck check(m_network, settings);
    check.expectFallback(TwilioApply::fallbackPlan(m_data, settings));
    QCoro::connect(check.run(), this, [this](const QList<SetupCheckLine> &lines) {
        m_checking = false;
        m_checkLines = lines;
        const bool allFine = std::all_of(lines.cbegin(), lines.cend(), [](const SetupCheckLine &line) { return line.ok; });
        m_checkingNote->setText(allFine ? tr("Everything checks out:") : tr("Not everything is ready yet:"));
        // Green lines in a word each; a red one says what to do.
        for (const SetupCheckLine &line : lines) {
            auto *label = richLabel(this);
            label->setObjectName(u"checkLine"_s);
            label->setText(line.ok ? statusHtml(true, line.title) : checkLineHtml(line));
            m_results->addWidget(label);
            label->show();
        }
        Q_EMIT checkFinished();
    });
}
