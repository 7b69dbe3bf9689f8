// A remote seat's Call logs: the other Switchboard's calls, newest first, filtered by caller and outcome
// and read a page at a time from its API; the selected call's details and timeline under the list, shown
// as the Call logs panel shows them.
#pragma once

#include "calls/callbackdialog.h"
#include "feed/feedapiclient.h"
#include "look/shownclock.h"

#include <QWidget>

class CallLogModel;
class QAction;
class CallTimelineTable;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

class RemoteCallLogPanel : public QWidget
{
    Q_OBJECT

public:
    // Calls asked for at a time: the API's own default page.
    static constexpr int PageSize = 50;

    // `api` must outlive the panel. Numbers are shown the way `region` writes them; times on `clock`.
    RemoteCallLogPanel(
        FeedApiClient &api, const QString &region, const ShownClock &clock, QWidget *parent = nullptr);

    void setClock(const ShownClock &clock);
    // Reads the calls again (as many as are loaded), for those the other Switchboard added or finished
    // since; the selected call stays selected and is read again.
    void refresh();
    // The next page, after the last call listed.
    void loadMore();
    // Shows the call's details and timeline, selecting it when it is listed.
    void selectCall(const QString &callSid);

    CallLogModel *model() const { return m_model; }
    // The call whose details are shown; empty while none is.
    QString shownCall() const { return m_shownCall; }
    // The sentence shown when the calls or a call's details could not be read; empty otherwise.
    QString problem() const;
    // The numbers the listed calls went to (for the statistics' number filter).
    QStringList calledNumbers() const;

    // Whether "Call back…" is offered (this seat may act); `whyNot` is the button's tooltip while it is not.
    void setCallBackAllowed(bool allowed, const QString &whyNot = {});
    // Whom "Call back…" would call back now: the shown call's customer, when their number is known.
    std::optional<CallBackTarget> callBackTarget() const;
    QAction *callBackAction() const { return m_callBackAction; }

Q_SIGNALS:
    // "Call back…" was chosen for the shown call.
    void callBackRequested(const CallBackTarget &target);
    // A page of calls was listed (or could not be: problem() says why).
    void callsLoaded();
    // A call's details and timeline are shown.
    void callShown(const QString &callSid);

private:
    QWidget *createFilterBar();
    QWidget *createDetail();
    FeedApiClient::CallQuery query() const;
    // The first page, of `limit` calls.
    void load(int limit);
    void showCalls(const FeedApiClient::CallPage &page, bool appended);
    void showCount();
    void showProblem(const QString &problem);
    void readCall(const QString &callSid);
    void showDetails();
    void updateCallBack();

    FeedApiClient &m_api;
    QString m_region;
    ShownClock m_clock;
    CallLogModel *m_model;
    QTimer *m_filterTimer;
    QLineEdit *m_callerEdit = nullptr;
    QComboBox *m_outcomeBox = nullptr;
    QTableView *m_table = nullptr;
    QStackedWidget *m_listStack = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_loadMore = nullptr;
    QStackedWidget *m_detailStack = nullptr;
    QLabel *m_detailTitle = nullptr;
    QLabel *m_detailSummary = nullptr;
    QLabel *m_voicemail = nullptr;
    CallTimelineTable *m_timeline = nullptr;
    QAction *m_callBackAction = nullptr;
    QPushButton *m_callBackButton = nullptr;
    bool m_callBackAllowed = false;
    QString m_callBackWhyNot;

    // Each request's number: an answer to anything but the latest is dropped (filters changed meanwhile).
    quint64 m_listRequest = 0;
    quint64 m_callRequest = 0;
    bool m_mayHaveMore = false;
    QString m_shownCall;
    std::optional<FeedApiClient::CallDetails> m_details;
};
