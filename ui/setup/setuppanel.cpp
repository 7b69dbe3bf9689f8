// The Setup panel: accounts, fallback number and public URL; the Twilio numbers this app answers; "Check
// setup".
#include "setuppanel.h"

#include "backupbox.h"
#include "livefeedbox.h"
#include "look/icons.h"
#include "look/paneltitle.h"
#include "look/statuscolours.h"
#include "settingfields.h"

#include "datadir/datadirectory.h"
#include "phone/phonenormalizer.h"
#include "settings/settings.h"
#include "settings/settingswatcher.h"
#include "setup/setupcheck.h"
#include "setup/twilioapply.h"
#include "setup/twiliosetup.h"
#include "storage/database.h"
#include "twilio/twiliorestclient.h"

#include <QCheckBox>
#include <QClipboard>
#include <QColor>
#include <QCoreApplication>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTime>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <QCoroTask>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// A person waits on these, but Twilio's API is usually quick; past this it is better to say so.
constexpr std::chrono::milliseconds RestTimeout = 15s;


enum NumberColumn
{
    NumberCol,
    NameCol,
    NowCol,
};

QLabel *hintLabel(const QString &text, QWidget *parent)
{
    return SettingFields::hintLabel(text, parent);
}

QLabel *errorLabel(QWidget *parent)
{
    return SettingFields::errorLabel(parent);
}

// Where a number's calls go now, in a few words.
QString whereCallsGo(const IncomingNumber &number, const TwilioSetup &twilio)
{
    if (!number.voiceApplicationSid.isEmpty())
        return SetupPanel::tr("a TwiML App (%1)").arg(number.voiceApplicationSid);
    if (!number.trunkSid.isEmpty())
        return SetupPanel::tr("a SIP trunk (%1)").arg(number.trunkSid);
    if (twilio.problems(number).isEmpty())
        return SetupPanel::tr("this app");
    if (number.voiceUrl == twilio.webhooks().voiceUrl.toString(QUrl::FullyEncoded))
        return SetupPanel::tr("this app (status changes elsewhere)");
    if (number.voiceUrl.isEmpty())
        return SetupPanel::tr("nowhere (no voice URL)");
    return number.voiceUrl;
}

} // namespace

SetupPanel::SetupPanel(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_network(network)
    , m_uiState(data.path())
    , m_autostart(QCoreApplication::applicationFilePath(), data.path(), DataDirectory::defaultPath())
{
    QLabel *title = PanelTitle::create(tr("Setup"), this);
    auto *intro
        = hintLabel(tr("Connect Switchboard to your Twilio phone numbers and your Retell AI receptionist. "
                       "Changes apply from the next call."),
            this);

    m_busyBar = new QProgressBar(this);
    m_busyBar->setRange(0, 0); // moving, with no end known
    m_busyBar->setFixedWidth(140);
    m_busyBar->setTextVisible(false);
    m_busyBar->setAccessibleName(tr("Working"));
    m_busyText = new QLabel(this);
    m_busyText->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Muted));
    m_busyBar->hide();
    m_busyText->hide();

    auto *assistant = new QPushButton(Icons::named(u"tools-wizard"_s), tr("Run the assistant again"), this);
    assistant->setObjectName(u"runAssistant"_s);
    assistant->setToolTip(tr("Goes through set-up page by page, with what is saved already filled in."));
    connect(assistant, &QPushButton::clicked, this, &SetupPanel::assistantRequested);

    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->addWidget(title);
    titles->addWidget(intro);
    header->addLayout(titles, 1);
    header->addWidget(m_busyText);
    header->addWidget(m_busyBar);
    header->addWidget(assistant, 0, Qt::AlignTop);

    auto *columns = new QWidget(this);
    auto *columnsLayout = new QHBoxLayout(columns);
    columnsLayout->setContentsMargins(0, 0, 0, 0);
    columnsLayout->setSpacing(16);
    columnsLayout->addWidget(buildAccountsColumn(), 1);
    columnsLayout->addWidget(buildNumbersColumn(), 1);

    // Bold section titles, so that the eye finds "Twilio", "Calls", "Check setup" at a glance; the fields
    // inside keep the normal font (style sheet fonts do not pass on to child widgets).
    columns->setStyleSheet(u"QGroupBox { font-weight: bold; }"_s);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(columns);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(scroll, 1);

    // The tray's "Pause routing" and the command line change settings too.
    connect(&m_data.settingsWatcher(), &SettingsWatcher::changed, this, &SetupPanel::settingsChangedElsewhere);

    reloadForm();
    // The routed numbers, until Twilio's list is loaded.
    showSavedNumbers();
}

SetupPanel::~SetupPanel() = default;

QWidget *SetupPanel::buildAccountsColumn()
{
    auto *column = new QWidget(this);
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *twilioBox = new QGroupBox(tr("Twilio: your phone numbers"), column);
    auto *twilioForm = new QFormLayout(twilioBox);
    m_fields.add(twilioForm, u"twilio.account_sid"_s, tr("Account SID"),
        tr("AC followed by 32 letters and digits"), {});
    m_fields.add(twilioForm, u"twilio.auth_token"_s, tr("Auth token"), {},
        tr("Both are in the Account Info box on the Twilio console's home page."), true);
    m_fields.add(twilioForm, u"twilio.api_key_sid"_s, tr("API key SID"),
        tr("optional: SK…, used instead of the auth token"), {});
    m_fields.add(twilioForm, u"twilio.api_key_secret"_s, tr("API key secret"), {}, {}, true);
    twilioForm->addRow(
        hintLabel(tr("Secrets are never shown. Leave a secret empty to keep the saved one."), twilioBox));
    layout->addWidget(twilioBox);

    auto *retellBox = new QGroupBox(tr("Retell AI: the voice agent for callers with a booking"), column);
    auto *retellForm = new QFormLayout(retellBox);
    m_fields.add(retellForm, u"retell.api_key"_s, tr("API key"), {}, {}, true);
    m_fields.add(retellForm, u"retell.agent_id"_s, tr("Voice agent ID"), tr("agent_…"),
        tr("From the Retell dashboard; a chat agent cannot take phone calls."));
    layout->addWidget(retellBox);

    auto *callsBox = new QGroupBox(tr("Calls"), column);
    auto *callsForm = new QFormLayout(callsBox);
    m_fields.add(callsForm, u"routing.fallback_number"_s, tr("Fallback number"), tr("for example (555) 010-2030"),
        tr("Rings when the AI agent cannot take a call or nobody else answers."));
    m_fields.add(callsForm, u"routing.default_region"_s, tr("Default region"), Settings::defaultOf(u"routing.default_region"_s),
        tr("Two-letter country code for numbers written without +."));
    m_routingEnabled = new QCheckBox(tr("Routing enabled"), callsBox);
    m_routingEnabled->setObjectName(u"routing.enabled"_s);
    m_routingNote = hintLabel({}, callsBox);
    m_routingNote->setObjectName(u"routingNote"_s);
    auto *routingBox = new QWidget(callsBox);
    auto *routingLayout = new QVBoxLayout(routingBox);
    routingLayout->setContentsMargins(0, 0, 0, 0);
    routingLayout->setSpacing(2);
    routingLayout->addWidget(m_routingEnabled);
    routingLayout->addWidget(m_routingNote);
    callsForm->addRow(QString(), routingBox);
    // Saved with the other entries (the tray's "Pause routing" is the switch that acts at once).
    connect(m_routingEnabled, &QCheckBox::toggled, this, [this] {
        m_routingShownAsSaved = m_routingEnabled->isChecked() == savedRoutingEnabled();
        showRoutingNote();
    });
    if (AutostartEntry::isSupported()) {
        // Calls are answered only while the app runs: after a restart of this computer it must come back
        // by itself, out of the way in the tray.
        m_startAtLogin = new QCheckBox(tr("Start Switchboard when I log in"), callsBox);
        m_startAtLogin->setObjectName(u"startAtLogin"_s);
        m_startAtLoginError = errorLabel(callsBox);
        m_startAtLoginError->setObjectName(u"startAtLogin.error"_s);
        routingLayout->addSpacing(6);
        routingLayout->addWidget(m_startAtLogin);
        routingLayout->addWidget(m_startAtLoginError);
        routingLayout->addWidget(hintLabel(
            tr("Opens in the system tray, so that calls are answered again after a restart."), callsBox));
        connect(m_startAtLogin, &QCheckBox::toggled, this, &SetupPanel::setStartAtLogin);
    }
    layout->addWidget(callsBox);

    auto *connectionBox = new QGroupBox(tr("Connection: how Twilio reaches this computer"), column);
    auto *connectionForm = new QFormLayout(connectionBox);
    m_fields.add(connectionForm, u"server.public_url"_s, tr("Public URL"), tr("https://frontdesk.example.net"),
        tr("The address of your tunnel or port-forward to this computer."));
    m_webhookUrl = addCopyableUrl(connectionForm, tr("Webhook URL"), &m_copyWebhook);
    m_webhookUrl->setObjectName(u"webhookUrl"_s);
    m_statusUrl = addCopyableUrl(connectionForm, tr("Status callback URL"), &m_copyStatus);
    m_statusUrl->setObjectName(u"statusUrl"_s);
    m_fields.add(connectionForm, u"twilio.voice_fallback_url"_s, tr("Backup URL"), tr("set by Apply to Twilio"),
        tr("Where Twilio turns when this computer cannot be reached. Apply to Twilio sets up a flow on Twilio "
           "that rings the fallback number; enter an address of your own only to use it instead."));
    layout->addWidget(connectionBox);

    m_save = new QPushButton(Icons::named(u"document-save"_s), tr("Save"), column);
    m_save->setObjectName(u"save"_s);
    m_save->setDefault(true);
    m_saveStatus = new QLabel(column);
    m_saveStatus->setWordWrap(true);
    connect(m_save, &QPushButton::clicked, this, [this] { save(); });
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(m_save);
    saveRow->addWidget(m_saveStatus, 1);
    layout->addLayout(saveRow);
    layout->addStretch(1);
    return column;
}

QWidget *SetupPanel::buildNumbersColumn()
{
    auto *column = new QWidget(this);
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *numbersBox = new QGroupBox(tr("Numbers to route"), column);
    auto *numbers = new QVBoxLayout(numbersBox);
    m_load = new QPushButton(Icons::named(u"view-refresh"_s), tr("Load numbers from Twilio"), numbersBox);
    m_load->setObjectName(u"loadNumbers"_s);
    // The hint beside it may wrap, but the button keeps room for its whole label.
    m_load->setMinimumWidth(m_load->fontMetrics().horizontalAdvance(m_load->text())
        + 2 * m_load->fontMetrics().horizontalAdvance(u"M"_s));
    m_load->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    connect(m_load, &QPushButton::clicked, this, &SetupPanel::loadNumbers);
    auto *loadRow = new QHBoxLayout;
    loadRow->addWidget(m_load);
    loadRow->addWidget(hintLabel(tr("Tick the numbers this app should answer."), numbersBox), 1);
    numbers->addLayout(loadRow);

    m_numbers = new QTreeWidget(numbersBox);
    m_numbers->setObjectName(u"numbers"_s);
    m_numbers->setHeaderLabels({ tr("Number"), tr("Name"), tr("Calls go to now") });
    m_numbers->setRootIsDecorated(false);
    m_numbers->setUniformRowHeights(true);
    m_numbers->setAlternatingRowColors(true);
    // Room for a handful of numbers, the most a practice has; more scroll. The check results below need the
    // height more.
    m_numbers->setMinimumHeight(110);
    m_numbers->setMaximumHeight(190);
    m_numbers->header()->setSectionResizeMode(NumberCol, QHeaderView::ResizeToContents);
    m_numbers->header()->setSectionResizeMode(NameCol, QHeaderView::ResizeToContents);
    m_numbers->header()->setStretchLastSection(true);
    m_numbers->setTextElideMode(Qt::ElideMiddle);
    numbers->addWidget(m_numbers);
    m_numbersError = errorLabel(numbersBox);
    m_numbersError->setObjectName(u"numbersError"_s);
    numbers->addWidget(m_numbersError);

    // Shown once the list cannot be loaded, so that set-up never depends on Twilio's API answering.
    m_manualRow = new QWidget(numbersBox);
    auto *manual = new QHBoxLayout(m_manualRow);
    manual->setContentsMargins(0, 0, 0, 0);
    m_manualNumber = new QLineEdit(m_manualRow);
    m_manualNumber->setObjectName(u"manualNumber"_s);
    m_manualNumber->setPlaceholderText(tr("Type a Twilio number, e.g. +1 555 765 4321"));
    auto *add = new QPushButton(tr("Add"), m_manualRow);
    add->setObjectName(u"addNumber"_s);
    connect(add, &QPushButton::clicked, this, &SetupPanel::addManualNumber);
    connect(m_manualNumber, &QLineEdit::returnPressed, this, &SetupPanel::addManualNumber);
    manual->addWidget(m_manualNumber, 1);
    manual->addWidget(add);
    m_manualRow->hide();
    numbers->addWidget(m_manualRow);
    m_manualError = errorLabel(numbersBox);
    numbers->addWidget(m_manualError);

    m_apply = new QPushButton(Icons::named(u"network-transmit"_s), tr("Apply to Twilio"), numbersBox);
    m_apply->setObjectName(u"apply"_s);
    connect(m_apply, &QPushButton::clicked, this, &SetupPanel::applyToTwilio);
    auto *applyRow = new QHBoxLayout;
    applyRow->addWidget(m_apply);
    applyRow->addWidget(
        hintLabel(tr("Points the ticked numbers' calls and status changes at this app, and has Twilio ring the "
                      "fallback number when this computer cannot answer."),
            numbersBox),
        1);
    numbers->addLayout(applyRow);
    m_applyResults = new QVBoxLayout;
    m_applyResults->setSpacing(2);
    numbers->addLayout(m_applyResults);
    layout->addWidget(numbersBox);

    auto *checkBox = new QGroupBox(tr("Check setup"), column);
    auto *check = new QVBoxLayout(checkBox);
    m_check = new QPushButton(Icons::named(u"dialog-ok"_s), tr("Check setup"), checkBox);
    m_check->setObjectName(u"check"_s);
    connect(m_check, &QPushButton::clicked, this, &SetupPanel::checkSetup);
    auto *checkRow = new QHBoxLayout;
    checkRow->addWidget(m_check);
    checkRow->addWidget(hintLabel(tr("Tries the accounts and the numbers, and whether Twilio can reach this "
                                     "computer. Nothing is changed."),
                            checkBox),
        1);
    check->addLayout(checkRow);
    m_checkResults = new QVBoxLayout;
    m_checkResults->setSpacing(6);
    check->addLayout(m_checkResults);
    layout->addWidget(checkBox);

    m_liveFeed = new LiveFeedBox(m_data, m_fields, column);
    layout->addWidget(m_liveFeed);

    m_backups = new BackupBox(m_data.path(), m_data.settings().backupKeep(), column);
    layout->addWidget(m_backups);
    // The boxes keep their own height, the findings included; what is left stays below them.
    layout->addStretch(1);
    return column;
}

QLineEdit *SetupPanel::addCopyableUrl(QFormLayout *form, const QString &label, QPushButton **copy)
{
    auto *row = new QWidget(form->parentWidget());
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *url = new QLineEdit(row);
    url->setReadOnly(true);
    url->setAccessibleName(label);
    url->setPlaceholderText(tr("set the public URL first"));
    auto *button = new QPushButton(Icons::named(u"edit-copy"_s), tr("Copy"), row);
    button->setAccessibleName(tr("Copy the %1").arg(label));
    connect(button, &QPushButton::clicked, this, [url, button] {
        QGuiApplication::clipboard()->setText(url->text());
        button->setText(tr("Copied"));
        QTimer::singleShot(1500, button, [button] { button->setText(tr("Copy")); });
    });
    layout->addWidget(url, 1);
    layout->addWidget(button);
    form->addRow(label, row);
    *copy = button;
    return url;
}

void SetupPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refreshRoutingSwitch();
    m_backups->setKeep(m_data.settings().backupKeep());
}

void SetupPanel::reloadForm()
{
    Settings &settings = m_data.settings();
    m_fields.load(settings);
    m_backups->setKeep(settings.backupKeep());
    refreshWebhookUrls(settings.routerSettings());
    if (m_liveFeed)
        m_liveFeed->refresh();
    refreshRoutingSwitch();
}

void SetupPanel::setClock(const ShownClock &clock)
{
    m_clock = clock;
    m_backups->setClock(m_clock);
}

void SetupPanel::showSaved()
{
    m_routingShownAsSaved = true;
    clearFieldErrors();
    reloadForm();
    showSavedNumbers();
}

void SetupPanel::showSavedNumbers()
{
    m_numbers->clear();
    for (const QString &number : m_data.settings().routerSettings().twilioNumbers)
        addNumberRow(number, {}, tr("(load the list to see)"), true);
}

void SetupPanel::refreshWebhookUrls(const RouterSettings &settings)
{
    const NumberWebhooks webhooks = TwilioSetup(settings).webhooks();
    m_webhookUrl->setText(webhooks.voiceUrl.toString(QUrl::FullyEncoded));
    m_statusUrl->setText(webhooks.statusCallback.toString(QUrl::FullyEncoded));
    // The start (https://your-address/…) is what a person recognises; the token at the end is not.
    m_webhookUrl->setCursorPosition(0);
    m_statusUrl->setCursorPosition(0);
    m_copyWebhook->setEnabled(!webhooks.voiceUrl.isEmpty());
    m_copyStatus->setEnabled(!webhooks.statusCallback.isEmpty());
}

bool SetupPanel::savedRoutingEnabled() const
{
    return m_data.settings().value(u"routing.enabled"_s).value_or(QString()) == u"true"_s;
}

void SetupPanel::refreshRoutingSwitch()
{
    if (m_routingShownAsSaved) {
        const QSignalBlocker blocker(m_routingEnabled);
        m_routingEnabled->setChecked(savedRoutingEnabled());
    }
    showRoutingNote();
    refreshStartAtLogin();
}

void SetupPanel::showRoutingNote()
{
    const bool enabled = m_routingEnabled->isChecked();
    if (!m_routingShownAsSaved) {
        m_routingNote->setText(enabled ? tr("Not saved yet: press Save to route calls by the plan.")
                                       : tr("Not saved yet: press Save to pause routing."));
        m_routingNote->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Warning));
        return;
    }
    m_routingNote->setText(enabled ? tr("On: calls follow the routing plan.")
                                   : tr("Paused: every call rings the fallback number."));
    m_routingNote->setStyleSheet(StatusColours::textStyle(enabled ? StatusColours::Status::Good : StatusColours::Status::Warning));
}

void SetupPanel::settingsChangedElsewhere()
{
    refreshRoutingSwitch();
    refreshWebhookUrls(m_data.settings().routerSettings());
    m_liveFeed->refresh();
}

bool SetupPanel::isSetUp() const
{
    // The router answers real calls from here on: that is when it must come back after a restart.
    Settings &settings = m_data.settings();
    return settings.value(u"routing.enabled"_s).value_or(QString()) == u"true"_s
        && settings.displayValue(u"twilio.auth_token"_s) == u"(set)"_s;
}

void SetupPanel::refreshStartAtLogin()
{
    if (!m_startAtLogin)
        return;
    // On by default once set-up is done, the first time only: an owner who unticked it keeps it off.
    if (!m_uiState.startAtLogin().has_value() && isSetUp()) {
        QString error;
        if (m_autostart.install(&error)) {
            m_uiState.setStartAtLogin(true);
            m_startAtLoginError->hide();
        } else {
            m_startAtLoginError->setText(error);
            m_startAtLoginError->show();
        }
    }
    const QSignalBlocker blocker(m_startAtLogin);
    m_startAtLogin->setChecked(m_autostart.isInstalled());
}

void SetupPanel::setStartAtLogin(bool on)
{
    QString error;
    if (on ? m_autostart.install(&error) : m_autostart.remove(&error)) {
        m_uiState.setStartAtLogin(on);
        m_startAtLoginError->hide();
    } else {
        m_startAtLoginError->setText(error);
        m_startAtLoginError->show();
    }
    const QSignalBlocker blocker(m_startAtLogin);
    m_startAtLogin->setChecked(m_autostart.isInstalled());
}

void SetupPanel::clearFieldErrors()
{
    m_fields.unmarkAll();
    m_numbersError->hide();
}

void SetupPanel::markFieldError(const QString &key, const QString &error)
{
    // The numbers to route have no entry of their own: the list is where they are chosen.
    if (!m_fields.mark(key, error))
        showNumbersError(error);
}

bool SetupPanel::save()
{
    clearFieldErrors();
    Settings &settings = m_data.settings();
    QHash<QString, QString> errors;
    QString transactionError;
    // All or nothing: one transaction, rolled back when any entry is refused.
    const bool stored = m_data.database().transaction(
        [&] {
            errors = m_fields.store(settings);
            QString error;
            if (!settings.set(u"twilio.numbers"_s, chosenNumbers().join(u','), &error))
                errors.insert(u"twilio.numbers"_s, error);
            if (!settings.set(u"routing.enabled"_s, m_routingEnabled->isChecked() ? u"true"_s : u"false"_s, &error))
                errors.insert(u"routing.enabled"_s, error);
            if (!settings.set(u"backup.keep"_s, QString::number(m_backups->keep()), &error))
                errors.insert(u"backup.keep"_s, error);
            return errors.isEmpty();
        },
        &transactionError);

    if (!stored) {
        for (auto it = errors.cbegin(); it != errors.cend(); ++it)
            markFieldError(it.key(), it.value());
        QString text;
        if (errors.isEmpty())
            text = tr("Not saved: %1").arg(transactionError);
        else if (errors.size() == 1)
            text = tr("Not saved: one entry needs fixing (marked in red).");
        else
            text = tr("Not saved: %1 entries need fixing (marked in red).").arg(errors.size());
        m_saveStatus->setText(text);
        m_saveStatus->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
        return false;
    }
    m_routingShownAsSaved = true;
    reloadForm();
    m_saveStatus->setText(tr("Saved at %1. Changes apply from the next call.")
                              .arg(m_clock.time(QDateTime::currentDateTimeUtc())));
    m_saveStatus->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Good));
    return true;
}

QStringList SetupPanel::chosenNumbers() const
{
    QStringList numbers;
    for (int i = 0; i < m_numbers->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_numbers->topLevelItem(i);
        if (item->checkState(NumberCol) == Qt::Checked)
            numbers.append(item->data(NumberCol, Qt::UserRole).toString());
    }
    return numbers;
}

QTreeWidgetItem *SetupPanel::addNumberRow(
    const QString &e164, const QString &name, const QString &now, bool checked)
{
    // Shown the practice's way; the E.164 form is what is saved and matched.
    const QString shown = PhoneNormalizer(m_data.settings().defaultRegion()).toDisplay(e164);
    auto *item = new QTreeWidgetItem(m_numbers, QStringList { shown, name, now });
    item->setData(NumberCol, Qt::UserRole, e164);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(NumberCol, checked ? Qt::Checked : Qt::Unchecked);
    item->setToolTip(NowCol, now);
    return item;
}

void SetupPanel::showNumbers(const QList<IncomingNumber> &numbers, const RouterSettings &settings)
{
    // Keeps what was ticked but not saved yet, and saved numbers Twilio does not list (with a warning).
    QStringList chosen = chosenNumbers();
    for (const QString &saved : std::as_const(settings.twilioNumbers)) {
        if (!chosen.contains(saved))
            chosen.append(saved);
    }
    const TwilioSetup twilio(settings);
    m_numbers->clear();
    QStringList listed;
    for (const IncomingNumber &number : numbers) {
        listed.append(number.phoneNumber);
        QTreeWidgetItem *item = addNumberRow(number.phoneNumber, number.friendlyName,
            whereCallsGo(number, twilio), chosen.contains(number.phoneNumber));
        const bool here = twilio.problems(number).isEmpty();
        item->setForeground(NowCol, StatusColours::colour(here ? StatusColours::Status::Good : StatusColours::Status::Muted, palette()));
    }
    for (const QString &number : std::as_const(chosen)) {
        if (!listed.contains(number)) {
            QTreeWidgetItem *item = addNumberRow(number, {}, tr("not on this Twilio account"), true);
            item->setForeground(NowCol, StatusColours::colour(StatusColours::Status::Bad, palette()));
        }
    }
    m_numbersError->hide();
    m_manualRow->hide();
    m_manualError->hide();
    if (numbers.isEmpty())
        showNumbersError(
            tr("This Twilio account has no phone numbers yet. Buy one in the Twilio console first."));
}

void SetupPanel::showNumbersError(const QString &error)
{
    m_numbersError->setText(error);
    m_numbersError->show();
}

void SetupPanel::addManualNumber()
{
    const QString written = m_manualNumber->text().trimmed();
    if (written.isEmpty())
        return;
    const RouterSettings settings = m_data.settings().routerSettings();
    QString error;
    const std::optional<QString> e164 = PhoneNormalizer(settings.defaultRegion).toE164(written, &error);
    if (!e164) {
        m_manualError->setText(error);
        m_manualError->show();
        SettingFields::markInvalid(m_manualNumber);
        return;
    }
    m_manualError->hide();
    m_manualNumber->setStyleSheet({});
    m_manualNumber->clear();
    for (int i = 0; i < m_numbers->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_numbers->topLevelItem(i);
        if (item->data(NumberCol, Qt::UserRole).toString() == *e164) {
            item->setCheckState(NumberCol, Qt::Checked);
            return;
        }
    }
    addNumberRow(*e164, tr("entered by hand"), tr("(not checked with Twilio)"), true);
}

void SetupPanel::loadNumbers()
{
    if (m_busy)
        return;
    if (!save()) {
        showNumbersError(
            tr("Fix the entries marked in red first: the numbers are loaded with the saved account."));
        Q_EMIT numbersLoaded(false);
        return;
    }
    const RouterSettings settings = m_data.settings().routerSettings();
    const TwilioSetup twilio(settings);
    if (!twilio.hasCredentials()) {
        showNumbersError(tr("Enter the Twilio account SID and auth token first, then load the numbers."));
        m_manualRow->show();
        Q_EMIT numbersLoaded(false);
        return;
    }
    setBusy(true, tr("Loading the numbers from Twilio…"));
    QCoro::connect(twilio.client(m_network, RestTimeout).listIncomingNumbers(), this,
        [this, settings](const Result<QList<IncomingNumber>> &result) {
            setBusy(false);
            if (!result.ok()) {
                showNumbersError(
                    tr("The list could not be loaded: %1 You can type the numbers below instead.")
                        .arg(result.error()));
                m_manualRow->show();
                Q_EMIT numbersLoaded(false);
                return;
            }
            showNumbers(result.value(), settings);
            Q_EMIT numbersLoaded(true);
        });
}

void SetupPanel::applyToTwilio()
{
    if (m_busy)
        return;
    if (!save()) {
        showApplyLines({ tr("Nothing was sent to Twilio: fix the entries marked in red first.") }, { false });
        Q_EMIT applyFinished();
        return;
    }
    const RouterSettings settings = m_data.settings().routerSettings();
    if (const QString problem = TwilioApply::missing(settings); !problem.isEmpty()) {
        showApplyLines({ problem }, { false });
        Q_EMIT applyFinished();
        return;
    }
    setBusy(true, tr("Pointing the numbers at this app…"));
    QCoro::connect(TwilioApply::run(m_network, m_data), this, [this](const TwilioApplyOutcome &outcome) {
        setBusy(false);
        showApplyLines(outcome.lines, outcome.ok);
        // Read again: the apply may have saved the fallback flow's URL.
        reloadForm();
        const RouterSettings settings = m_data.settings().routerSettings();
        if (!outcome.numbers.isEmpty())
            showNumbers(outcome.numbers, settings);
        Q_EMIT applyFinished();
    });
}

void SetupPanel::checkSetup()
{
    if (m_busy)
        return;
    if (!save()) {
        showCheckLines({ SetupCheckLine { tr("Your entries"), false,
            tr("Some entries are not valid, so they were not saved."),
            tr("Fix the entries marked in red, then check again.") } });
        Q_EMIT checkFinished();
        return;
    }
    setBusy(true, tr("Checking the setup…"));
    const RouterSettings settings = m_data.settings().routerSettings();
    SetupCheck check(m_network, settings);
    check.expectFallback(TwilioApply::fallbackPlan(m_data, settings));
    QCoro::connect(check.run(), this, [this](const QList<SetupCheckLine> &lines) {
        setBusy(false);
        showCheckLines(lines);
        Q_EMIT checkFinished();
    });
}

void SetupPanel::setBusy(bool busy, const QString &what)
{
    m_busy = busy;
    for (QPushButton *button : { m_save, m_load, m_apply, m_check })
        button->setEnabled(!busy);
    m_busyBar->setVisible(busy);
    m_busyText->setVisible(busy);
    m_busyText->setText(what);
}

void SetupPanel::clearLayout(QVBoxLayout *layout)
{
    while (QLayoutItem *item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

void SetupPanel::showApplyLines(const QStringList &lines, const QList<bool> &ok)
{
    clearLayout(m_applyResults);
    m_applyLines = lines;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const bool good = ok.value(i);
        auto *label = new QLabel(this);
        label->setObjectName(u"applyLine"_s);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setText(u"<span style=\"color:%1\">%2</span> %3"_s.arg(
            StatusColours::name(good ? StatusColours::Status::Good : StatusColours::Status::Bad), good ? u"✔"_s : u"✘"_s, lines.at(i).toHtmlEscaped()));
        m_applyResults->addWidget(label);
        // Shown now, not on the next pass of the event loop, so that what is reported is on screen at once.
        label->show();
    }
}

void SetupPanel::showCheckLines(const QList<SetupCheckLine> &lines)
{
    clearLayout(m_checkResults);
    m_checkLines = lines;
    for (const SetupCheckLine &line : lines) {
        auto *label = new QLabel(this);
        label->setObjectName(u"checkLine"_s);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QString html
            = u"<span style=\"color:%1; font-weight:bold\">%2 %3</span><br>%4"_s.arg(StatusColours::name(line.ok ? StatusColours::Status::Good : StatusColours::Status::Bad),
                line.ok ? u"✔"_s : u"✘"_s, line.title.toHtmlEscaped(), line.detail.toHtmlEscaped());
        if (!line.ok && !line.fix.isEmpty())
            html += u"<br><b>%1</b> %2"_s.arg(tr("Fix:").toHtmlEscaped(), line.fix.toHtmlEscaped());
        label->setText(html);
        m_checkResults->addWidget(label);
        // Shown now, not on the next pass of the event loop, so that what is reported is on screen at once.
        label->show();
    }
}
