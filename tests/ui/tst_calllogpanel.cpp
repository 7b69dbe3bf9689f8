// Tests of CallLogPanel: the filters and their delay, the selected call's timeline and voicemail, the CSV
// export, the empty state, the keyboard, a hundred thousand calls read a page at a time, and a screenshot.
#include "calllogtestnames.h"
#include "calls/calllogmodel.h"
#include "calls/calllogpanel.h"

#include "storage/bookingstore.h"
#include "storage/callstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "storage/recordingstore.h"
#include "tempdatadir.h"

#include <QAction>
#include <QApplication>
#include <QSlider>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTableView>
#include <QTableWidget>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

class tst_CallLogPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void opensOnTheLast30Days();
    void filtersApplyAfterADelay();
    void eachFilter();
    void numbersAsThePracticeWritesThem();
    void callerFilterReadsAnyWrittenForm_data();
    void callerFilterReadsAnyWrittenForm();
    void clearFiltersGoesBackToTheDefaults();
    void showsTheSelectedCallsTimeline();
    void voicemail();
    void exportsTheFilteredCalls();
    void exportNeverWritesAFormula();
    void exportsEveryPage();
    void exportReportsAnUnwritableFile();
    void exportButtonAsksWhereToSave();
    void emptyState();
    void refreshKeepsTheSelectedCall();
    void callsBackTheSelectedCaller();
    void keyboard();
    void hundredThousandCallsReadAPageAtATime();
    void screenshot();

private:
    CallSessionRecord &add(const QString &sid, const QString &from, const QDateTime &at,
                           const QString &outcome = u"answered"_s, const QString &to = u"+15550100000"_s);
    void save();
    qint64 customer(const QString &name, const QString &phone);
    qint64 booking(const QString &externalId, qint64 customerId);
    void event(const QString &sid, int secondsIn, Step step, EventAction action, EventResult result,
               const QString &detail);
    void recording(const QString &sid, const QString &file, const QByteArray &audio, const QString &text);

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;
    QList<CallSessionRecord> m_pending;
};

namespace {

const QDateTime s_now = QDateTime::currentDateTimeUtc();

template<typename T>
T *child(QWidget &panel, const QString &name)
{
    T *found = panel.findChild<T *>(name);
    if (!found)
        qWarning() << "no child" << name;
    return found;
}

CallLogModel *modelOf(QWidget &panel)
{
    return qobject_cast<CallLogModel *>(child<QTableView>(panel, u"callTable"_s)->model());
}

QStringList shownCalls(QWidget &panel)
{
    CallLogModel *model = modelOf(panel);
    QStringList sids;
    for (int row = 0; row < model->rowCount(); ++row)
        sids.append(model->sessionAt(row).callSid);
    return sids;
}

void selectRow(QWidget &panel, int row)
{
    QTableView *table = child<QTableView>(panel, u"callTable"_s);
    table->selectionModel()->setCurrentIndex(table->model()->index(row, 0),
                                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

void tst_CallLogPanel::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_db = std::make_unique<Database>(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
    m_pending.clear();
}

void tst_CallLogPanel::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

CallSessionRecord &tst_CallLogPanel::add(const QString &sid, const QString &from, const QDateTime &at,
                                         const QString &outcome, const QString &to)
{
    CallSessionRecord s;
    s.callSid = sid;
    s.from = from;
    s.to = to;
    s.startedAt = at;
    s.outcome = CallLogTestNames::outcome(outcome);
    m_pending.append(s);
    return m_pending.last();
}

void tst_CallLogPanel::save()
{
    QString error;
    const bool ok = m_db->transaction(
        [&] {
            CallStore store(*m_db);
            for (const CallSessionRecord &s : std::as_const(m_pending)) {
                if (!store.createSession(s, &error))
                    return false;
            }
            return true;
        },
        &error);
    QVERIFY2(ok, qPrintable(error));
    m_pending.clear();
}

qint64 tst_CallLogPanel::customer(const QString &name, const QString &phone)
{
    Customer c;
    c.externalId = u"C-"_s + phone;
    c.name = name;
    c.phoneRaw = phone;
    c.phoneE164 = phone;
    const Result<qint64> id = CustomerStore(*m_db).insert(c);
    return id.ok() ? id.value() : 0;
}

qint64 tst_CallLogPanel::booking(const QString &externalId, qint64 customerId)
{
    Booking b;
    b.externalId = externalId;
    b.customerId = customerId;
    b.startsAt = s_now.addDays(1);
    b.endsAt = s_now.addDays(1).addSecs(1800);
    const Result<UpsertResult> id = BookingStore(*m_db).upsert(b);
    return id.ok() ? id.value().id : 0;
}

void tst_CallLogPanel::event(const QString &sid, int secondsIn, Step step, EventAction action, EventResult result,
                             const QString &detail)
{
    const std::optional<CallSessionRecord> s = CallStore(*m_db).findSession(sid);
    QVERIFY(s);
    QString error;
    QVERIFY2(CallStore(*m_db).appendEvent({sid, s->startedAt.addSecs(secondsIn), step, action, result, detail},
                                          &error),
             qPrintable(error));
}

void tst_CallLogPanel::recording(const QString &sid, const QString &file, const QByteArray &audio,
                                 const QString &text)
{
    RecordingRecord r;
    r.callSid = sid;
    r.recordingSid = u"RE"_s + sid;
    r.url = QUrl(u"https://api.twilio.com/recordings/RE"_s + sid);
    r.durationSeconds = 42;
    r.file = file;
    r.transcription = text;
    QString error;
    QVERIFY2(RecordingStore(*m_db).save(r, &error), qPrintable(error));
    if (!file.isEmpty()) {
        QVERIFY(QDir(m_dir->path()).mkpath(QFileInfo(file).path()));
        m_dir->writeFile(file, audio);
    }
}

void tst_CallLogPanel::opensOnTheLast30Days()
{
    add(u"CA-today"_s, u"+15551230001"_s, s_now);
    add(u"CA-10d"_s, u"+15551230002"_s, s_now.addDays(-10));
    add(u"CA-40d"_s, u"+15551230003"_s, s_now.addDays(-40));
    save();
    CallLogPanel panel(*m_db, m_dir->path());

    QCOMPARE(child<QDateEdit>(panel, u"toDate"_s)->date(), QDate::currentDate());
    QCOMPARE(child<QDateEdit>(panel, u"fromDate"_s)->date(), QDate::currentDate().addDays(-29));
    QVERIFY(child<QDateEdit>(panel, u"fromDate"_s)->calendarPopup());
    QCOMPARE(shownCalls(panel), (QStringList {u"CA-today"_s, u"CA-10d"_s}));
    QCOMPARE(child<QLabel>(panel, u"countLabel"_s)->text(), u"2 calls"_s);
    QCOMPARE(child<QLineEdit>(panel, u"callerFilter"_s)->placeholderText(), u"Caller's number or name…"_s);
    QCOMPARE(child<QComboBox>(panel, u"outcomeFilter"_s)->itemText(0), u"All outcomes"_s);
    // The newest call is shown.
    QCOMPARE(child<QLabel>(panel, u"detailTitle"_s)->text(), u"(555) 123-0001"_s);
}

void tst_CallLogPanel::filtersApplyAfterADelay()
{
    add(u"CA1"_s, u"+15551230001"_s, s_now);
    add(u"CA2"_s, u"+4930123456"_s, s_now.addSecs(-60));
    save();
    CallLogPanel panel(*m_db, m_dir->path());
    QLineEdit *caller = child<QLineEdit>(panel, u"callerFilter"_s);

    QElapsedTimer typing;
    typing.start();
    QTest::keyClicks(caller, u"+49"_s);
    // Still the calls of before: the list waits until the typing stops.
    if (typing.elapsed() < CallLogPanel::FilterDelayMs)
        QCOMPARE(shownCalls(panel).size(), 2);
    QTRY_COMPARE(shownCalls(panel), QStringList {u"CA2"_s});
    QCOMPARE(child<QLabel>(panel, u"countLabel"_s)->text(), u"1 call"_s);
}

void tst_CallLogPanel::eachFilter()
{
    add(u"CA1"_s, u"+15551230001"_s, s_now, u"answered"_s, u"+15550100000"_s);
    add(u"CA2"_s, u"+15551230002"_s, s_now.addDays(-1), u"missed"_s, u"+15550100000"_s);
    add(u"CA3"_s, u"+15559870000"_s, s_now.addDays(-3), u"voicemail"_s, u"+15550199999"_s);
    add(u"CA4"_s, u"+15551230004"_s, s_now.addDays(-12), u"missed"_s, u"+15550199999"_s);
    save();
    CallLogPanel panel(*m_db, m_dir->path());
    QComboBox *outcome = child<QComboBox>(panel, u"outcomeFilter"_s);
    QComboBox *number = child<QComboBox>(panel, u"numberFilter"_s);
    QDateEdit *from = child<QDateEdit>(panel, u"fromDate"_s);
    QDateEdit *to = child<QDateEdit>(panel, u"toDate"_s);
    QPushButton *clear = child<QPushButton>(panel, u"clearFilters"_s);

    // The outcomes, readable, after "All outcomes".
    QStringList outcomes;
    for (int i = 0; i < outcome->count(); ++i)
        outcomes.append(outcome->itemText(i));
    QCOMPARE(outcomes, (QStringList {u"All outcomes"_s, u"Answered"_s, u"AI agent"_s, u"Voicemail"_s,
                                     u"Missed"_s, u"Blocked"_s, u"Failed"_s, u"In progress"_s}));
    outcome->setCurrentIndex(outcome->findData(QVariant::fromValue(CallOutcome::Missed)));
    QTRY_COMPARE(shownCalls(panel), (QStringList {u"CA2"_s, u"CA4"_s}));
    clear->click();

    // The numbers that were called, from the log.
    QCOMPARE(number->count(), 3);
    QCOMPARE(number->itemText(0), u"All numbers"_s);
    number->setCurrentIndex(number->findData(u"+15550199999"_s));
    QTRY_COMPARE(shownCalls(panel), (QStringList {u"CA3"_s, u"CA4"_s}));
    clear->click();

    // Whole days, both ends included.
    const QDate today = QDate::currentDate();
    from->setDate(s_now.addDays(-3).toLocalTime().date());
    to->setDate(s_now.addDays(-1).toLocalTime().date());
    QTRY_COMPARE(shownCalls(panel), (QStringList {u"CA2"_s, u"CA3"_s}));
    // The wrong way round still means the days between.
    from->setDate(today);
    to->setDate(today.addDays(-20));
    QTRY_COMPARE(shownCalls(panel), (QStringList {u"CA1"_s, u"CA2"_s, u"CA3"_s, u"CA4"_s}));
    clear->click();

    child<QLineEdit>(panel, u"callerFilter"_s)->setText(u"+1555123"_s);
    outcome->setCurrentIndex(outcome->findData(QVariant::fromValue(CallOutcome::Missed)));
    QTRY_COMPARE(shownCalls(panel), (QStringList {u"CA2"_s, u"CA4"_s}));
}

void tst_CallLogPanel::numbersAsThePracticeWritesThem()
{
    add(u"CA-local"_s, u"+15551230001"_s, s_now, u"answered"_s, u"+15557654321"_s);
    add(u"CA-london"_s, u"+442079460018"_s, s_now.addSecs(-60), u"missed"_s, u"+15557654321"_s);
    save();
    event(u"CA-local"_s, 0, Step::CallReceived, EventAction::WebhookReceived, EventResult::Processed,
        u"Incoming call from +15551230001 to +15557654321."_s);
    CallLogPanel panel(*m_db, m_dir->path());
    CallLogModel *model = modelOf(panel);
    QCOMPARE(model->index(0, CallLogModel::CallerColumn).data().toString(), u"(555) 123-0001"_s);
    QCOMPARE(model->index(0, CallLogModel::CalledColumn).data().toString(), u"(555) 765-4321"_s);
    QCOMPARE(model->index(1, CallLogModel::CallerColumn).data().toString(), u"+44 20 7946 0018"_s);
    QComboBox *number = child<QComboBox>(panel, u"numberFilter"_s);
    QCOMPARE(number->itemText(1), u"(555) 765-4321"_s);
    QCOMPARE(number->itemData(1).toString(), u"+15557654321"_s); // what the filter matches on
    QVERIFY(child<QLabel>(panel, u"detailSummary"_s)->text().contains(u"Called (555) 765-4321"_s));
    // The router's sentences name numbers in E.164; the timeline shows them the practice's way, and the
    // stored sentence as it is in the tooltip.
    QTableWidget *timeline = child<QTableWidget>(panel, u"timeline"_s);
    QCOMPARE(timeline->item(0, 4)->text(), u"Incoming call from (555) 123-0001 to (555) 765-4321."_s);
    QCOMPARE(timeline->item(0, 4)->toolTip(), u"Incoming call from +15551230001 to +15557654321."_s);

    // A practice in the UK: London is local, the US numbers carry their country code.
    panel.setRegion(u"GB"_s);
    QCOMPARE(model->index(0, CallLogModel::CalledColumn).data().toString(), u"+1 555-765-4321"_s);
    QCOMPARE(model->index(1, CallLogModel::CallerColumn).data().toString(), u"020 7946 0018"_s);
    QCOMPARE(number->itemText(1), u"+1 555-765-4321"_s);
    selectRow(panel, 1);
    QCOMPARE(child<QLabel>(panel, u"detailTitle"_s)->text(), u"020 7946 0018"_s);
    // And a number typed the UK way finds its calls.
    child<QLineEdit>(panel, u"callerFilter"_s)->setText(u"020 7946"_s);
    QTRY_COMPARE(shownCalls(panel), QStringList {u"CA-london"_s});
}

void tst_CallLogPanel::callerFilterReadsAnyWrittenForm_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QStringList>("expected");
    const QStringList sanFrancisco {u"CA-sf"_s};
    QTest::newRow("national") << u"(415) 555-0888"_s << sanFrancisco;
    QTest::newRow("spaces") << u"415 555 0888"_s << sanFrancisco;
    QTest::newRow("international") << u"+1 415-555-0888"_s << sanFrancisco;
    QTest::newRow("first digits") << u"415555"_s << sanFrancisco;
    QTest::newRow("digits in the middle") << u"555-08"_s << sanFrancisco;
    QTest::newRow("customer's name") << u"maria"_s << QStringList {u"CA-maria"_s};
    QTest::newRow("another number") << u"(415) 555-0999"_s << QStringList();
}

void tst_CallLogPanel::callerFilterReadsAnyWrittenForm()
{
    QFETCH(QString, typed);
    QFETCH(QStringList, expected);
    add(u"CA-sf"_s, u"+14155550888"_s, s_now.addSecs(-60));
    CallSessionRecord &maria = add(u"CA-maria"_s, u"+12125550123"_s, s_now);
    maria.customerId = customer(u"Maria Gonzalez"_s, u"+12125550123"_s);
    save();
    CallLogPanel panel(*m_db, m_dir->path());
    QCOMPARE(shownCalls(panel).size(), 2);
    QTest::keyClicks(child<QLineEdit>(panel, u"callerFilter"_s), typed);
    QTRY_COMPARE(shownCalls(panel), expected);
    QCOMPARE(child<QLabel>(panel, u"countLabel"_s)->text(),
        expected.size() == 1 ? u"1 call"_s : u"%1 calls"_s.arg(expected.size()));
}

void tst_CallLogPanel::clearFiltersGoesBackToTheDefaults()
{
    add(u"CA1"_s, u"+15551230001"_s, s_now);
    add(u"CA2"_s, u"+15551230002"_s, s_now.addDays(-50));
    save();
    CallLogPanel panel(*m_db, m_dir->path());
    child<QLineEdit>(panel, u"callerFilter"_s)->setText(u"+1555123"_s);
    child<QComboBox>(panel, u"outcomeFilter"_s)->setCurrentIndex(2);
    child<QDateEdit>(panel, u"fromDate"_s)->setDate(QDate::currentDate().addDays(-60));
    QTRY_COMPARE(shownCalls(panel), QStringList());

    child<QPushButton>(panel, u"clearFilters"_s)->click();
    // At once: a click is not typing.
    QCOMPARE(shownCalls(panel), QStringList {u"CA1"_s});
    QVERIFY(child<QLineEdit>(panel, u"callerFilter"_s)->text().isEmpty());
    QCOMPARE(child<QComboBox>(panel, u"outcomeFilter"_s)->currentIndex(), 0);
    QCOMPARE(child<QDateEdit>(panel, u"fromDate"_s)->date(), QDate::currentDate().addDays(-29));
}

void tst_CallLogPanel::showsTheSelectedCallsTimeline()
{
    const qint64 maria = customer(u"Maria Gonzalez"_s, u"+15551230001"_s);
    CallSessionRecord &first = add(u"CA1"_s, u"+15551230001"_s, s_now.addSecs(-600), u"ai_agent"_s);
    first.customerId = maria;
    first.bookingId = booking(u"BK-1042"_s, maria);
    first.durationSeconds = 185;
    add(u"CA2"_s, u"+15551230002"_s, s_now);
    save();
    event(u"CA1"_s, 0, Step::CallReceived, EventAction::WebhookReceived, EventResult::Processed, u"Incoming call."_s);
    event(u"CA1"_s, 1, Step::AgentRegistration, EventAction::CommandSent, EventResult::Failed, u"Retell did not answer."_s);
    event(u"CA1"_s, 2, Step::StatusChanged, EventAction::WebhookReceived, EventResult::Ignored, u"A repeated status."_s);
    event(u"CA1"_s, 3, Step::Hangup, EventAction::Internal, EventResult::Processed, u"The caller hung up."_s);

    CallLogPanel panel(*m_db, m_dir->path());
    QTableWidget *timeline = child<QTableWidget>(panel, u"timeline"_s);
    QCOMPARE(timeline->rowCount(), 0); // the newest call, CA2, has no events
    selectRow(panel, 1);

    QCOMPARE(child<QLabel>(panel, u"detailTitle"_s)->text(), u"(555) 123-0001 · Maria Gonzalez"_s);
    const QString summary = child<QLabel>(panel, u"detailSummary"_s)->text();
    QVERIFY2(summary.contains(u"Outcome: AI agent"_s), qPrintable(summary));
    QVERIFY2(summary.contains(u"Duration: 3:05"_s), qPrintable(summary));
    QVERIFY2(summary.contains(u"Booking: BK-1042"_s), qPrintable(summary));
    QVERIFY2(summary.contains(u"Called (555) 010-0000"_s), qPrintable(summary));
    QCOMPARE(modelOf(panel)->index(1, CallLogModel::BookingColumn).data().toString(), u"BK-1042"_s);

    QStringList headers;
    for (int column = 0; column < timeline->columnCount(); ++column)
        headers.append(timeline->horizontalHeaderItem(column)->text());
    QCOMPARE(headers, (QStringList {u"Time"_s, u"Step"_s, u"Action"_s, u"Result"_s, u"Detail"_s}));
    QCOMPARE(timeline->rowCount(), 4);
    QCOMPARE(timeline->item(0, 1)->text(), u"Call received"_s);
    QCOMPARE(timeline->item(0, 1)->toolTip(), u"CallReceived"_s);
    QCOMPARE(timeline->item(1, 3)->text(), u"Failed"_s);
    QCOMPARE(timeline->item(1, 4)->text(), u"Retell did not answer."_s);
    // On the panel's clock, the computer's here, with the seconds: steps come seconds apart.
    QCOMPARE(timeline->item(0, 0)->text(), ShownClock().timeWithSeconds(first.startedAt));
    QVERIFY(timeline->item(0, 0)->text().contains(first.startedAt.toLocalTime().toString(u"mm:ss"_s)));

    // Failed steps in dark red, ignored ones in grey, the others in the palette's colour.
    const QColor failed = timeline->item(1, 3)->foreground().color();
    QVERIFY2(failed.red() > 2 * failed.green() && failed.lightness() < 100, qPrintable(failed.name()));
    const QColor ignored = timeline->item(2, 4)->foreground().color();
    QVERIFY2(qAbs(ignored.red() - ignored.green()) <= 8 && qAbs(ignored.green() - ignored.blue()) <= 8,
             qPrintable(ignored.name())); // a grey
    QVERIFY(ignored.lightness() > 60 && ignored.lightness() < 160);
    QCOMPARE(timeline->item(3, 0)->foreground().style(), Qt::NoBrush);

    selectRow(panel, 0);
    QCOMPARE(timeline->rowCount(), 0);
    QVERIFY(child<QLabel>(panel, u"detailSummary"_s)->text().contains(u"Not a customer"_s));
}

void tst_CallLogPanel::voicemail()
{
    add(u"CA-vm"_s, u"+15551230001"_s, s_now.addSecs(-120), u"voicemail"_s);
    add(u"CA-pending"_s, u"+15551230002"_s, s_now.addSecs(-60), u"voicemail"_s);
    add(u"CA-none"_s, u"+15551230003"_s, s_now);
    save();
    const QByteArray audio = QByteArray("RIFF----WAVEfmt ").repeated(1000);
    recording(u"CA-vm"_s, u"recordings/RECA-vm.wav"_s, audio, u"Hi, this is Maria, please call me back."_s);
    recording(u"CA-pending"_s, QString(), {}, QString());

    CallLogPanel panel(*m_db, m_dir->path());
    panel.show(); // visibility below is the widgets' own, inside a shown window
    QGroupBox *box = child<QGroupBox>(panel, u"voicemailBox"_s);
    QPushButton *play = child<QPushButton>(panel, u"playVoicemail"_s);
    QPushButton *saveButton = child<QPushButton>(panel, u"saveVoicemail"_s);
    QLabel *transcription = child<QLabel>(panel, u"transcription"_s);

    QVERIFY(!box->isVisible()); // CA-none has no recording
    QString error;
    QVERIFY(!panel.saveVoicemail(m_dir->filePath(u"copy.wav"_s), &error));
    QVERIFY(!error.isEmpty());

    selectRow(panel, 2);
    QVERIFY(box->isVisible());
    QCOMPARE(play->text(), u"Play"_s);
    QVERIFY(panel.findChild<QSlider *>(u"voicemailPosition"_s));
    QCOMPARE(saveButton->text(), u"Save voicemail as…"_s);
    QVERIFY(play->isEnabled());
    QVERIFY(saveButton->isEnabled());
    QVERIFY2(transcription->text().contains(u"Hi, this is Maria, please call me back."_s),
             qPrintable(transcription->text()));
    QVERIFY(transcription->text().contains(u"0:42"_s));

    const QString copy = m_dir->filePath(u"saved/maria.wav"_s);
    QVERIFY(QDir().mkpath(QFileInfo(copy).path()));
    QVERIFY2(panel.saveVoicemail(copy, &error), qPrintable(error));
    QCOMPARE(readFile(copy), audio);
    // Over an existing file, too.
    QVERIFY2(panel.saveVoicemail(copy, &error), qPrintable(error));
    QCOMPARE(readFile(copy), audio);
    QVERIFY(!panel.saveVoicemail(m_dir->filePath(u"no/such/folder/x.wav"_s), &error));
    QVERIFY(!error.isEmpty());

    // Saved by Twilio, not downloaded yet: nothing to play.
    selectRow(panel, 1);
    QVERIFY(box->isVisible());
    QVERIFY(!play->isEnabled());
    QVERIFY(!saveButton->isEnabled());
    QVERIFY(transcription->text().contains(u"not been downloaded"_s));
    // No text and transcription off: nothing promises one.
    QVERIFY2(!transcription->text().contains(u"transcription"_s), qPrintable(transcription->text()));
    panel.setTranscriptionOn(true);
    QVERIFY2(transcription->text().contains(u"No transcription yet."_s), qPrintable(transcription->text()));
    // A transcription that came is shown either way.
    selectRow(panel, 2);
    QVERIFY(transcription->text().contains(u"Hi, this is Maria"_s));
}

void tst_CallLogPanel::exportsTheFilteredCalls()
{
    const qint64 obrien = customer(u"James \"Jim\" O'Brien, Jr."_s, u"+15551230001"_s);
    CallSessionRecord &first = add(u"CA1"_s, u"+15551230001"_s,
                                   QDateTime(QDate::currentDate(), QTime(9, 30, 15)).toUTC(), u"answered"_s);
    first.customerId = obrien;
    first.bookingId = booking(u"BK-7"_s, obrien);
    first.durationSeconds = 95;
    add(u"CA2"_s, u"+266696687"_s, first.startedAt.addSecs(-3600), u"missed"_s);
    add(u"CA3"_s, u"+15551230003"_s, first.startedAt.addSecs(-7200), u"ongoing"_s);
    save();
    const QDateTime started = QDateTime(QDate::currentDate(), QTime(9, 30, 15)).toUTC();

    CallLogPanel panel(*m_db, m_dir->path());
    const QString path = m_dir->filePath(u"calls.csv"_s);
    QString error;
    QVERIFY2(panel.exportCsv(path, &error), qPrintable(error));
    const QString expected
        = u"call_sid,started_at,from,customer_name,to,outcome,duration_s,booking_id\r\n"_s
        + u"CA1,%1,+15551230001,\"James \"\"Jim\"\" O'Brien, Jr.\",+15550100000,answered,95,BK-7\r\n"_s.arg(
            started.toString(Qt::ISODate))
        + u"CA2,%1,+266696687,,+15550100000,missed,,\r\n"_s.arg(started.addSecs(-3600).toString(Qt::ISODate))
        + u"CA3,%1,+15551230003,,+15550100000,ongoing,,\r\n"_s.arg(started.addSecs(-7200).toString(Qt::ISODate));
    QCOMPARE(QString::fromUtf8(readFile(path)), expected);
    QVERIFY(started.toString(Qt::ISODate).endsWith(u'Z'));

    // Only what the filters show.
    QComboBox *outcome = child<QComboBox>(panel, u"outcomeFilter"_s);
    outcome->setCurrentIndex(outcome->findData(QVariant::fromValue(CallOutcome::Missed)));
    QTRY_COMPARE(shownCalls(panel), QStringList {u"CA2"_s});
    QVERIFY2(panel.exportCsv(path, &error), qPrintable(error));
    const QList<QByteArray> lines = readFile(path).split('\n');
    QCOMPARE(lines.size(), 3); // header, one call, and the empty rest after the last line break
    QVERIFY(lines.at(1).startsWith("CA2,"));
}

// Names and caller IDs come from outside (an import, a caller's own SIP or client identity): opened
// in a spreadsheet, the export must show them, not run them.
void tst_CallLogPanel::exportNeverWritesAFormula()
{
    const qint64 mallory = customer(u"=HYPERLINK(\"http://evil.example\",\"Click\")"_s, u"+15551230001"_s);
    const QDateTime started = QDateTime(QDate::currentDate(), QTime(9, 30, 15)).toUTC();
    add(u"CA1"_s, u"+15551230001"_s, started).customerId = mallory;
    add(u"CA2"_s, u"@SUM(1+1)"_s, started.addSecs(-60), u"missed"_s);
    save();

    CallLogPanel panel(*m_db, m_dir->path());
    const QString path = m_dir->filePath(u"calls.csv"_s);
    QString error;
    QVERIFY2(panel.exportCsv(path, &error), qPrintable(error));
    const QString expected = u"call_sid,started_at,from,customer_name,to,outcome,duration_s,booking_id\r\n"_s
        + u"CA1,%1,+15551230001,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",+15550100000,answered,,\r\n"_s
              .arg(started.toString(Qt::ISODate))
        + u"CA2,%1,'@SUM(1+1),,+15550100000,missed,,\r\n"_s.arg(started.addSecs(-60).toString(Qt::ISODate));
    QCOMPARE(QString::fromUtf8(readFile(path)), expected);
}

void tst_CallLogPanel::exportsEveryPage()
{
    // More calls than the view's pages and the export's own.
    for (int i = 0; i < 2345; ++i)
        add(u"CA%1"_s.arg(i, 5, 10, QLatin1Char('0')), u"+1555123%1"_s.arg(i, 4, 10, QLatin1Char('0')),
            s_now.addSecs(-60 * i));
    save();
    CallLogPanel panel(*m_db, m_dir->path());
    QCOMPARE(modelOf(panel)->rowCount(), CallLogModel::PageSize);
    const QString path = m_dir->filePath(u"all.csv"_s);
    QString error;
    QVERIFY2(panel.exportCsv(path, &error), qPrintable(error));
    QList<QByteArray> lines = readFile(path).split('\n');
    QCOMPARE(lines.takeLast(), QByteArray());
    QCOMPARE(lines.size(), 2346);
    QSet<QByteArray> sids;
    for (int i = 1; i < lines.size(); ++i)
        sids.insert(lines.at(i).left(lines.at(i).indexOf(',')));
    QCOMPARE(sids.size(), 2345);
    QVERIFY(lines.at(1).startsWith("CA00000,"));
    QVERIFY(lines.last().startsWith("CA02344,"));
    // The view still holds its first page: the export read its own.
    QCOMPARE(modelOf(panel)->rowCount(), CallLogModel::PageSize);
}

void tst_CallLogPanel::exportReportsAnUnwritableFile()
{
    add(u"CA1"_s, u"+15551230001"_s, s_now);
    save();
    CallLogPanel panel(*m_db, m_dir->path());
    QString error;
    QVERIFY(!panel.exportCsv(m_dir->filePath(u"missing/folder/calls.csv"_s), &error));
    QVERIFY2(error.contains(u"calls.csv"_s), qPrintable(error));
}

void tst_CallLogPanel::exportButtonAsksWhereToSave()
{
    add(u"CA1"_s, u"+15551230001"_s, s_now);
    add(u"CA2"_s, u"+15551230002"_s, s_now.addSecs(-60));
    save();
    CallLogPanel panel(*m_db, m_dir->path());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    // Answers the file dialog as a person would: a name without ".csv", then Save.
    const QString chosen = m_dir->filePath(u"march"_s);
    bool answered = false;
    QTimer::singleShot(0, &panel, [&] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        answered = dialog->windowTitle() == u"Export calls to CSV"_s
            && dialog->selectedFiles().value(0).endsWith(u".csv"_s);
        dialog->selectFile(chosen);
        QMetaObject::invokeMethod(dialog, "accept");
    });
    // The export runs on a thread of its own: the window is free meanwhile, and says when it is done.
    QSignalSpy finished(&panel, &CallLogPanel::exportFinished);
    child<QPushButton>(panel, u"exportButton"_s)->click();
    QVERIFY(answered);
    QVERIFY(finished.wait(20000));
    const QList<QByteArray> lines = readFile(chosen + u".csv"_s).split('\n');
    QCOMPARE(lines.size(), 4);
    QCOMPARE(child<QLabel>(panel, u"exportStatus"_s)->text(), u"Exported 2 calls to march.csv."_s);
}

void tst_CallLogPanel::emptyState()
{
    CallLogPanel panel(*m_db, m_dir->path());
    panel.show();
    QLabel *empty = child<QLabel>(panel, u"emptyLabel"_s);
    QCOMPARE(empty->text(), u"No calls match these filters."_s);
    QVERIFY(empty->isVisible());
    QVERIFY(!child<QTableView>(panel, u"callTable"_s)->isVisible());
    QVERIFY(!child<QPushButton>(panel, u"exportButton"_s)->isEnabled());
    QCOMPARE(child<QLabel>(panel, u"countLabel"_s)->text(), u"0 calls"_s);
    // Nothing to select, so no "select a call" either.
    QVERIFY(!child<QLabel>(panel, u"detailPlaceholder"_s)->isVisible());
    QVERIFY(!child<QTableWidget>(panel, u"timeline"_s)->isVisible());

    add(u"CA1"_s, u"+15551230001"_s, s_now);
    save();
    panel.refresh();
    QVERIFY(!empty->isVisible());
    QVERIFY(child<QTableView>(panel, u"callTable"_s)->isVisible());
    QVERIFY(child<QPushButton>(panel, u"exportButton"_s)->isEnabled());
    QVERIFY(child<QTableWidget>(panel, u"timeline"_s)->isVisible());

    child<QLineEdit>(panel, u"callerFilter"_s)->setText(u"+44"_s);
    QTRY_VERIFY(empty->isVisible());
    QVERIFY(!child<QTableWidget>(panel, u"timeline"_s)->isVisible());
}

void tst_CallLogPanel::refreshKeepsTheSelectedCall()
{
    for (int i = 0; i < 450; ++i)
        add(u"CA%1"_s.arg(i, 3, 10, QLatin1Char('0')), u"+15551230001"_s, s_now.addSecs(-60 * i));
    save();
    CallLogPanel panel(*m_db, m_dir->path());
    CallLogModel *model = modelOf(panel);
    model->fetchMore({});
    QCOMPARE(model->rowCount(), 400);
    selectRow(panel, 300);
    QCOMPARE(child<QLabel>(panel, u"detailTitle"_s)->text(), u"(555) 123-0001"_s);

    add(u"CA-new"_s, u"+15559990000"_s, s_now.addSecs(10), u"ongoing"_s);
    save();
    event(u"CA300"_s, 5, Step::Hangup, EventAction::Internal, EventResult::Processed, u"Finished while the panel was open."_s);
    panel.refresh();

    QCOMPARE(model->sessionAt(0).callSid, u"CA-new"_s);
    QVERIFY(model->rowCount() >= 400);
    QTableView *table = child<QTableView>(panel, u"callTable"_s);
    QCOMPARE(model->sessionAt(table->currentIndex().row()).callSid, u"CA300"_s);
    // Read again: the timeline has its new step.
    QCOMPARE(child<QTableWidget>(panel, u"timeline"_s)->rowCount(), 1);
    QCOMPARE(child<QLabel>(panel, u"countLabel"_s)->text(), u"451 calls"_s);
    QCOMPARE(child<QComboBox>(panel, u"numberFilter"_s)->count(), 2);
}

void tst_CallLogPanel::keyboard()
{
    add(u"CA1"_s, u"+15551230001"_s, s_now);
    save();
    event(u"CA1"_s, 0, Step::CallReceived, EventAction::WebhookReceived, EventResult::Processed, u"Incoming call."_s);
    event(u"CA1"_s, 1, Step::Hangup, EventAction::Internal, EventResult::Processed, u"Done."_s);
    CallLogPanel panel(*m_db, m_dir->path());
    panel.show();
    QVERIFY(QTest::qWaitForWindowActive(&panel));

    // Tab walks the filters, then the list.
    QLineEdit *caller = child<QLineEdit>(panel, u"callerFilter"_s);
    caller->setFocus();
    QTRY_VERIFY(caller->hasFocus());
    const QList<QWidget *> order = {child<QComboBox>(panel, u"outcomeFilter"_s),
                                    child<QComboBox>(panel, u"numberFilter"_s),
                                    child<QDateEdit>(panel, u"fromDate"_s),
                                    child<QDateEdit>(panel, u"toDate"_s),
                                    child<QPushButton>(panel, u"clearFilters"_s),
                                    child<QTableView>(panel, u"callTable"_s)};
    for (QWidget *expected : order) {
        QWidget *before = QApplication::focusWidget();
        QTest::keyClick(before, Qt::Key_Tab);
        // Within a date, Tab first moves from the day to the month to the year (Qt's own behaviour).
        for (int section = 0; section < 3 && QApplication::focusWidget() == before
             && qobject_cast<QDateEdit *>(before);
             ++section)
            QTest::keyClick(before, Qt::Key_Tab);
        QWidget *focus = QApplication::focusWidget();
        QVERIFY2(focus == expected || expected->isAncestorOf(focus),
                 qPrintable(u"%1 instead of %2"_s.arg(focus ? focus->objectName() : u"nothing"_s,
                                                      expected->objectName())));
    }

    // Enter on a call: into its timeline.
    QTableView *table = child<QTableView>(panel, u"callTable"_s);
    QVERIFY(table->hasFocus());
    QTest::keyClick(table, Qt::Key_Return);
    QTableWidget *timeline = child<QTableWidget>(panel, u"timeline"_s);
    QVERIFY(timeline->hasFocus());
    QCOMPARE(timeline->currentRow(), 0);
}

void tst_CallLogPanel::hundredThousandCallsReadAPageAtATime()
{
    // A hundred thousand calls of the last four weeks, so that the default filter matches them all.
    for (int i = 0; i < 100000; ++i)
        add(u"CA%1"_s.arg(i, 6, 10, QLatin1Char('0')), u"+1555%1"_s.arg(1000000 + i % 5000),
            s_now.addSecs(-24 * i), i % 10 == 0 ? u"missed"_s : u"ai_agent"_s);
    save();

    QElapsedTimer opening;
    opening.start();
    CallLogPanel panel(*m_db, m_dir->path());
    panel.resize(1280, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QCoreApplication::processEvents();
    const qint64 openMs = opening.elapsed();
    qInfo("Opened on 100,000 calls in %lld ms", openMs);

    CallLogModel *model = modelOf(panel);
    QCOMPARE(model->rowCount(), CallLogModel::PageSize);
    QVERIFY(model->canFetchMore({}));
    QCOMPARE(child<QLabel>(panel, u"countLabel"_s)->text(), u"100,000 calls or more"_s);

    // Scrolling to the end of the first page fetches the second, and only that.
    QTableView *table = child<QTableView>(panel, u"callTable"_s);
    table->scrollToBottom();
    QTRY_COMPARE(model->rowCount(), 2 * CallLogModel::PageSize);

    QElapsedTimer filtering;
    filtering.start();
    child<QLineEdit>(panel, u"callerFilter"_s)->setText(u"+15551000042"_s);
    QTRY_COMPARE(model->rowCount(), CallLogModel::PageSize / 10);
    qInfo("Filtered in %lld ms (including the %d ms delay)", filtering.elapsed(), CallLogPanel::FilterDelayMs);
}

void tst_CallLogPanel::callsBackTheSelectedCaller()
{
    const qint64 maria = customer(u"Maria Gonzalez"_s, u"+15551230001"_s);
    add(u"CA1"_s, u"+15551230001"_s, s_now.addSecs(-900), u"missed"_s).customerId = maria;
    add(u"CA2"_s, u"anonymous"_s, s_now.addSecs(-600), u"missed"_s);
    // A call-back rang the customer: calling back again calls the customer, not the business.
    CallSessionRecord &outgoing = add(u"CA3"_s, u"+15550100000"_s, s_now.addSecs(-300), u"answered"_s, u"+15551230002"_s);
    outgoing.direction = CallDirection::Outgoing;
    save();

    CallLogPanel panel(*m_db, m_dir->path());
    QSignalSpy requested(&panel, &CallLogPanel::callBackRequested);
    QPushButton *button = child<QPushButton>(panel, u"callBackButton"_s);
    QCOMPARE(button->text(), u"Call back…"_s);
    // Not before the window says it may (the router runs, the seat may act).
    selectRow(panel, 2);
    QVERIFY(!button->isEnabled());
    QVERIFY(!panel.callBackAction()->isEnabled());
    panel.setCallBackAllowed(true);
    QVERIFY(button->isEnabled());
    button->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).value<CallBackTarget>(),
        (CallBackTarget { u"CA1"_s, u"+15551230001"_s, u"Maria Gonzalez"_s }));

    // A withheld number cannot be called back.
    selectRow(panel, 1);
    QVERIFY(!panel.callBackTarget());
    QVERIFY(!button->isEnabled());
    panel.callBackAction()->trigger();
    QCOMPARE(requested.size(), 1);

    selectRow(panel, 0);
    QCOMPARE(panel.callBackTarget()->number, u"+15551230002"_s);
    QVERIFY(panel.callBackAction()->isEnabled());
    panel.callBackAction()->trigger();
    QCOMPARE(requested.size(), 2);
    QCOMPARE(requested.at(1).at(0).value<CallBackTarget>().callSid, u"CA3"_s);

    panel.setCallBackAllowed(false);
    QVERIFY(!button->isEnabled());
}

void tst_CallLogPanel::screenshot()
{
    // A morning at a dental practice: the main line and the hygiene line.
    const QString main = u"+15550100000"_s;
    const QString hygiene = u"+15550100200"_s;
    struct Sample
    {
        const char16_t *name;
        const char16_t *phone;
        const char16_t *outcome;
        int minutesAgo;
        int seconds;
        const char16_t *booking;
        bool hygieneLine;
    };
    const Sample samples[] = {
        {u"Maria Gonzalez", u"+15551234567", u"voicemail", 12, 58, u"BK-10423", false},
        {nullptr, u"+15559876543", u"ai_agent", 25, 214, nullptr, false},
        {u"James O'Brien", u"+15552223344", u"answered", 41, 187, u"BK-10398", true},
        {u"Priya Patel", u"+15553334455", u"missed", 55, 0, u"BK-10455", false},
        {nullptr, u"+266696687", u"blocked", 70, 0, nullptr, false},
        {u"Tom Becker", u"+15554445566", u"ai_agent", 95, 362, nullptr, false},
        {u"Chen Wei", u"+15555556677", u"answered", 130, 95, u"BK-10460", true},
        {nullptr, u"+15556667788", u"failed", 160, 3, nullptr, false},
        {u"Amira Haddad", u"+15557778899", u"ai_agent", 185, 143, u"BK-10471", false},
        {u"Lukas Schmidt", u"+15558889900", u"voicemail", 240, 31, nullptr, false},
        {u"Grace Kim", u"+15559990011", u"answered", 300, 412, u"BK-10377", true},
        {nullptr, u"+15551112233", u"missed", 360, 0, nullptr, false},
        {u"Olivia Brown", u"+15552224466", u"ai_agent", 1500, 176, u"BK-10480", false},
        {u"Noah Wilson", u"+15553336688", u"answered", 1560, 248, nullptr, true},
        {u"Sofia Rossi", u"+15554448800", u"ai_agent", 1620, 121, u"BK-10482", false},
    };
    int n = 0;
    for (const Sample &sample : samples) {
        const QString sid = u"CA%1"_s.arg(++n, 32, 10, QLatin1Char('0'));
        CallSessionRecord &s = add(sid, QString::fromUtf16(sample.phone), s_now.addSecs(-60 * sample.minutesAgo),
                                   QString::fromUtf16(sample.outcome), sample.hygieneLine ? hygiene : main);
        if (sample.seconds > 0)
            s.durationSeconds = sample.seconds;
        if (sample.name) {
            s.customerId = customer(QString::fromUtf16(sample.name), QString::fromUtf16(sample.phone));
            if (sample.booking)
                s.bookingId = booking(QString::fromUtf16(sample.booking), *s.customerId);
        }
    }
    save();
    const QString maria = u"CA%1"_s.arg(1, 32, 10, QLatin1Char('0'));
    event(maria, 0, Step::CallReceived, EventAction::WebhookReceived, EventResult::Processed, u"Incoming call from +15551234567 to the main line."_s);
    event(maria, 0, Step::BookingLookup, EventAction::Internal, EventResult::Processed, u"Maria Gonzalez, booking BK-10423 tomorrow at 10:30 (cleaning)."_s);
    event(maria, 1, Step::AgentRegistration, EventAction::CommandSent, EventResult::Failed, u"The AI agent did not answer within 3 seconds; the front desk is rung instead."_s);
    event(maria, 1, Step::DialChainResolved, EventAction::Internal, EventResult::Processed, u"Front desk: Anna, then Ben."_s);
    event(maria, 2, Step::DialTarget, EventAction::CommandSent, EventResult::Processed, u"Ringing Anna (+15550100011) for 20 seconds."_s);
    event(maria, 3, Step::StatusChanged, EventAction::WebhookReceived, EventResult::Ignored, u"A repeated status callback (ringing)."_s);
    event(maria, 22, Step::DialTargetResult, EventAction::WebhookReceived, EventResult::Processed, u"Anna did not answer."_s);
    event(maria, 22, Step::DialTarget, EventAction::CommandSent, EventResult::Processed, u"Ringing Ben (+15550100012) for 20 seconds."_s);
    event(maria, 42, Step::DialTargetResult, EventAction::WebhookReceived, EventResult::Processed, u"Ben did not answer."_s);
    event(maria, 42, Step::Voicemail, EventAction::CommandSent, EventResult::Processed, u"Recording a voicemail of up to 2 minutes."_s);
    event(maria, 58, Step::RecordingSaved, EventAction::WebhookReceived, EventResult::Processed, u"Recording saved (0:42)."_s);
    event(maria, 58, Step::Hangup, EventAction::WebhookReceived, EventResult::Processed, u"The caller hung up."_s);
    recording(maria, u"recordings/RE-maria.wav"_s, QByteArray(4096, '\0'),
              u"Hi, this is Maria Gonzalez. I have a cleaning tomorrow at ten thirty and I need to move it to "
              u"the afternoon if you have anything. Please call me back at 555 123 4567. Thanks!"_s);

    CallLogPanel panel(*m_db, m_dir->path());
    panel.resize(1280, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QCoreApplication::processEvents();
    QCOMPARE(modelOf(panel)->rowCount(), 15);
    QCOMPARE(child<QLabel>(panel, u"detailTitle"_s)->text(), u"(555) 123-4567 · Maria Gonzalez"_s);

    panel.setCallBackAllowed(true);
    QVERIFY(panel.callBackAction()->isEnabled());
    const QString path = QDir::temp().filePath(u"switchboard-calllogpanel.png"_s);
    QVERIFY(panel.grab().save(path));
    qInfo("Screenshot: %s", qPrintable(QDir::toNativeSeparators(path)));
}

QTEST_MAIN(tst_CallLogPanel)
#include "tst_calllogpanel.moc"
