// The Call logs panel: every call with filters, the selected call's timeline and voicemail, CSV export.
#pragma once

#include "callbackdialog.h"
#include "look/shownclock.h"
#include "storage/callstore.h"
#include "storage/recordingrecord.h"
#include "storage/recordingstore.h"

#include <QWidget>

#include <functional>
#include <optional>

class CallLogModel;
class QAction;
class CallTimelineTable;
class Database;
class QComboBox;
class QDateEdit;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;
class VoicemailPlayer;

class CallLogPanel : public QWidget
{
    Q_OBJECT

public:
    // How long the filters wait after the last edit before the list follows them, so that typing a
    // number reads the calls once rather than once per digit.
    static constexpr int FilterDelayMs = 250;

    // `db` is the GUI thread's own connection; recordings' files are relative to `dataDir`. Times are
    // shown, and the From and To days counted, on `clock`.
    explicit CallLogPanel(
        Database &db, QString dataDir, const ShownClock &clock = ShownClock(), QWidget *parent = nullptr);
    ~CallLogPanel() override;

    // A saved plan may move the business to another time zone: the list, the days and the selected call
    // follow at once.
    void setClock(const ShownClock &clock);

    // Reads the calls again, for those the router has added or finished since, keeping the selected call
    // and as many rows as were loaded. A "To" date left at today moves on to the new day.
    void refresh();
    // The practice's region changed: numbers are shown its way, and a number typed in the caller filter
    // without a country code is read in it.
    void setRegion(const QString &region);

    // Writes every call the filters match to `path` as CSV (see CallLogExport), on this thread. False with
    // *error set when the file cannot be written. The Export button does the same on a thread of its own.
    bool exportCsv(const QString &path, QString *error);
    // Copies the selected call's voicemail to `path`. False with *error set when it has none, or on a
    // failure to read or write.
    bool saveVoicemail(const QString &path, QString *error);

    // Whether the plan asks Twilio for transcriptions: only then does a voicemail without text say that
    // its transcription is still to come.
    void setTranscriptionOn(bool on);

    // Whether "Call back…" is offered (the router runs, and this seat may act). Off until said.
    // `whyNot` is the button's tooltip while it is not allowed.
    void setCallBackAllowed(bool allowed, const QString &whyNot = {});
    // Whom "Call back…" would call back now: the selected call's customer, when their number is known.
    std::optional<CallBackTarget> callBackTarget() const;
    QAction *callBackAction() const { return m_callBackAction; }

Q_SIGNALS:
    // "Call back…" was chosen for the selected call; the window asks whose phone rings first and sends it.
    void callBackRequested(const CallBackTarget &target);
    // The Export button's export has ended (written, cancelled or failed; the panel says which).
    void exportFinished();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *createFilterBar();
    QWidget *createDetail();
    void setDefaultFilters();
    CallListFilter filterFromControls() const;
    void applyFilter();
    void clearFilters();
    void loadCalledNumbers();
    void showCount();
    void showListOrEmptyState();
    void selectCall(const QString &callSid);
    void showCall(const QString &callSid);
    void showTimeline(const QString &callSid);
    void showVoicemail(const QString &callSid);
    // The voicemail's file, when it lies inside the data folder; empty otherwise.
    QString voicemailPath() const;
    void updateCallBack();
    void chooseVoicemailFile();
    void chooseExportFile();
    // The day the "To" date follows while nobody picked one: today on the plan's clock.
    QDate today() const;

    Database &m_db;
    QString m_dataDir;
    QString m_region;
    ShownClock m_clock;
    CallStore m_calls;
    RecordingStore m_recordings;
    CallLogModel *m_model = nullptr;
    QTimer *m_filterTimer = nullptr;
    // True until someone picks a "To" date: the default follows the calendar to today.
    bool m_toIsToday = true;

    QLineEdit *m_callerEdit = nullptr;
    QComboBox *m_outcomeBox = nullptr;
    QComboBox *m_numberBox = nullptr;
    QDateEdit *m_fromEdit = nullptr;
    QDateEdit *m_toEdit = nullptr;
    QPushButton *m_clearButton = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_zoneNote = nullptr; // whose time the list shows, when it is not this computer's
    QLabel *m_exportStatus = nullptr;
    QPushButton *m_exportButton = nullptr;

    QStackedWidget *m_listStack = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_emptyLabel = nullptr;

    QStackedWidget *m_detailStack = nullptr;
    QLabel *m_detailTitle = nullptr;
    QLabel *m_detailSummary = nullptr;
    QGroupBox *m_voicemailBox = nullptr;
    QLabel *m_transcription = nullptr;
    VoicemailPlayer *m_player = nullptr;
    QPushButton *m_saveButton = nullptr;
    QAction *m_callBackAction = nullptr;
    QPushButton *m_callBackButton = nullptr;
    bool m_callBackAllowed = false;
    QString m_callBackWhyNot;
    std::optional<CallBackTarget> m_callBackTarget; // the shown call's customer, when they can be called
    CallTimelineTable *m_timeline = nullptr;

    QString m_shownCall;
    std::optional<RecordingRecord> m_voicemail;
    bool m_transcriptionOn = false;
};
