// The set-up assistant: the pages in order, and what finishing it means for the window.
#include "setupassistant.h"

#include "setupassistantpages.h"

#include "datadir/datadirectory.h"
#include "desktop/uistate.h"
#include "settings/settings.h"

using namespace Qt::StringLiterals;

SetupAssistant::SetupAssistant(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent)
    : QWizard(parent)
    , m_data(data)
{
    setObjectName(u"setupAssistant"_s);
    setWindowTitle(tr("Set up Switchboard"));
    // The same look on every desktop: a header with the page's title and why it is asked.
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setPage(WelcomePage, new ::WelcomePage(data, network, this));
    setPage(AccountPage, new ::AccountPage(data, network, this));
    setPage(NumbersPage, new ::NumbersPage(data, network, this));
    setPage(FallbackPage, new ::FallbackPage(data, network, this));
    setPage(AgentPage, new ::AgentPage(data, network, this));
    setPage(ConnectionPage, new ::ConnectionPage(data, network, this));
    setPage(ApplyPage, new ::ApplyPage(data, network, this));
    setPage(TestCallPage, new ::TestCallPage(data, network, this));
    // Fits a 1280×800 screen with the window manager's frame and a panel.
    resize(760, 580);
}

SetupAssistant::~SetupAssistant() = default;

bool SetupAssistant::isWanted(DataDirectory &data)
{
    return !UiState(data.path()).assistantClosed()
        && data.settings().value(u"twilio.account_sid"_s).value_or(QString()).isEmpty();
}

void SetupAssistant::done(int result)
{
    // Finished or closed, it does not open by itself again; Setup can always bring it back.
    UiState(m_data.path()).setAssistantClosed(true);
    const auto *last = qobject_cast<const ::TestCallPage *>(page(TestCallPage));
    const bool watch = result == QDialog::Accepted && last && last->watchLiveCalls();
    QWizard::done(result);
    if (watch)
        Q_EMIT watchLiveCallsRequested();
}
