// The `switchboard` binary as a user runs it: exit codes, messages, JSON shapes, and `serve`
// answering a signed webhook until SIGTERM.
#include "calllogtestnames.h"
#include "datadir/datadirectory.h"
#include "fakefeedserver.h"
#include "faketwilio.h"
#include "feed/feedmessage.h"
#include "faketwiliorest.h"
#include "settings/settings.h"
#include "storage/callstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "storage/recordingstore.h"
#include "storage/settingsstore.h"
#include "tempdatadir.h"
#include "tokenrefusingserver.h"
#include "twilio/fallbackflow.h"

#include <QJsonArray>
#include <QDir>
#include <QFile>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

QString binary()
{
    return qEnvironmentVariable("SWITCHBOARD_BINARY");
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// How many customers the database file `path` holds, read without changing it.
qint64 customersIn(const QString &path)
{
    const QString name = u"count-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
    qint64 count = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open()) {
            QSqlQuery query(u"SELECT count(*) FROM customers"_s, db);
            if (query.next())
                count = query.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return count;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void screenshotsAreTheSizeOfTheWindow();
    void darkScreenshotsAreDark();
    void init();

    void helpAndUsageErrors();
    void everyCommandHasHelp_data();
    void everyCommandHasHelp();
    void messagesFollowTheSystemLanguage_data();
    void messagesFollowTheSystemLanguage();
    void configSetGetListUnset();
    void configRejectsBadValues_data();
    void configRejectsBadValues();
    void configReadsASecretFromStandardInput();
    void dataDirBeforeOrAfterTheCommand();
    void dataDirWithEqualsSignOrMissing();
    void firstCommandCreatesTheWebhookToken_data();
    void firstCommandCreatesTheWebhookToken();
    void importIsAllOrNothing();
    void importSkipInvalid();
    void importUnreadableFile();
    void importChecksRowsAsTheAddDialogDoes();
    void planExportImportRoundTrip();
    void planImportNamesEveryFaultAndChangesNothing();
    void planImportFromStandardInput();
    void simulateShowsThePathAndWritesNothing();
    void simulateFollowsMenuKeysAndTime();
    void simulateRejectsBadInput();
    void callsOnAnEmptyLog();
    void callsBadOptions();
    void statsOnAnEmptyLog();
    void statsOfTheLoggedCalls();
    void statsRejectsBadOptions_data();
    void statsRejectsBadOptions();
    void serveAnswersWebhooksUntilSigterm();
    void serveFollowsAChangedListenAddress();
    void killedServeLosesNoAnsweredCall();
    void backupAndRestoreRoundTrip();
    void restoreRefusesWhatIsNotAGoodBackup();
    void restoreIsRefusedWhileTheRouterRuns();
    void backupWhileCallsAreRouted();
    void aDamagedDatabaseIsReportedWithTheNewestBackup();
    void doctorNamesEveryFindingAndFails();
    void serveLogsToItsFileWithSecretsRedacted();
    void callsAsCsvHaveNoLimit();
    void twilioApplyPointsTheNumbersAndSetsUpTheFallback();
    void monitorRefusesBadUsage_data();
    void monitorRefusesBadUsage();
    void monitorPrintsEveryMessageAsAJsonLine();
    void monitorPrintsALinePerChangeAndComesBack();
    void monitorReadsNumbersTheLocalPracticesWay();
    void monitorExitsAtOnceWhenTheTokenIsRefused();

private:
    Run run(const QStringList &arguments);
    // Starts `serve` on `port` and waits until it says it is routing calls (what it printed in `printed`).
    void startServe(QProcess &serve, quint16 port, QByteArray *printed = nullptr, const QStringList &options = {});
    Run run(
        const QStringList &arguments, const QProcessEnvironment &environment, const QByteArray &input = {});
    QProcessEnvironment environment() const;
    // Runs the binary while this test's event loop runs, for the fakes it talks to.
    Run runServing(const QStringList &arguments, const QProcessEnvironment &environment);
    // Starts `monitor` on the fake, reading the token from the environment.
    void startMonitor(QProcess &monitor, const QString &address, const QStringList &options = {});
    // Sets the auth token, routing on and a fallback number through `config`; returns the webhook token.
    QString setUpRouting(const QString &authToken);

    std::unique_ptr<TempDataDir> m_dir;
};

void TestCli::initTestCase()
{
    QVERIFY2(QFile::exists(binary()), "SWITCHBOARD_BINARY must name the built switchboard binary");
}

void TestCli::init()
{
    m_dir = std::make_unique<TempDataDir>();
}

// The messages below are the English ones: the binary speaks the system's language otherwise.
QProcessEnvironment TestCli::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"SWITCHBOARD_KEYCHAIN"_s, u"0"_s);
    environment.insert(u"SWITCHBOARD_DATA_DIR"_s, m_dir->path());
    environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    environment.remove(u"LANGUAGE"_s);
    return environment;
}

Run TestCli::run(const QStringList &arguments)
{
    return run(arguments, environment());
}

Run TestCli::run(
    const QStringList &arguments, const QProcessEnvironment &environment, const QByteArray &input)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(binary(), arguments);
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(30000);
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

QString TestCli::setUpRouting(const QString &authToken)
{
    [&] {
        QCOMPARE(run({ u"config"_s, u"set"_s, u"twilio.auth_token"_s, authToken }).code, 0);
        QCOMPARE(run({ u"config"_s, u"set"_s, u"routing.enabled"_s, u"true"_s }).code, 0);
        QCOMPARE(run({ u"config"_s, u"set"_s, u"routing.fallback_number"_s, u"+1 555 000 9999"_s }).code, 0);
    }();
    return run({ u"config"_s, u"get"_s, u"server.webhook_token"_s }).out.trimmed();
}

// Whether something answers HTTP on 127.0.0.1:`port`.
bool answersOn(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return false;
    socket.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    while (socket.waitForReadyRead(5000))
        answer += socket.readAll();
    return answer.startsWith("HTTP/1.1 ");
}

void TestCli::startServe(QProcess &serve, quint16 port, QByteArray *printed, const QStringList &options)
{
    serve.setProcessEnvironment(environment());
    // The live feed on a port of its own choosing, so that routers of tests running at once never meet.
    serve.start(binary(), QStringList { u"serve"_s, u"--listen"_s, u"127.0.0.1:%1"_s.arg(port), u"--feed-listen"_s,
                              u"127.0.0.1:0"_s } + options);
    QVERIFY(serve.waitForStarted());
    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT((output += serve.readAllStandardOutput()).contains("Live feed:")
            || serve.state() != QProcess::Running,
        10000);
    QVERIFY2(serve.state() == QProcess::Running, serve.readAllStandardError().constData());
    if (printed)
        *printed = output;
}

void TestCli::helpAndUsageErrors()
{
    Run r = run({ u"--help"_s });
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(u"serve"_s));
    r = run({ u"frobnicate"_s });
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(u"Unknown command \"frobnicate\""_s));
    r = run({ u"config"_s, u"--help"_s });
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(u"config set KEY VALUE"_s));
    r = run({ u"config"_s, u"set"_s, u"routing.enabled"_s });
    QCOMPARE(r.code, 2);
    r = run({ u"calls"_s, u"--no-such-option"_s });
    QCOMPARE(r.code, 2);
}

void TestCli::messagesFollowTheSystemLanguage_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("unknownCommand");

    QTest::newRow("german LC_ALL") << u"LC_ALL"_s << u"de_DE.UTF-8"_s
                                   << u"Unbekannter Befehl „frobnicate“."_s;
    QTest::newRow("german LANG") << u"LANG"_s << u"de_CH.UTF-8"_s << u"Unbekannter Befehl „frobnicate“."_s;
    QTest::newRow("spanish LANGUAGE") << u"LANGUAGE"_s << u"es"_s << u"Comando desconocido «frobnicate»."_s;
    QTest::newRow("no catalogue for french")
        << u"LC_ALL"_s << u"fr_FR.UTF-8"_s << u"Unknown command \"frobnicate\"."_s;
}

void TestCli::messagesFollowTheSystemLanguage()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, unknownCommand);

    QProcessEnvironment system = environment();
    for (const QString &name : { u"LANGUAGE"_s, u"LC_ALL"_s, u"LC_MESSAGES"_s, u"LANG"_s })
        system.remove(name);
    system.insert(variable, value);
    const Run r = run({ u"frobnicate"_s }, system);
    QCOMPARE(r.code, 2);
    QCOMPARE(r.err.section(u'\n', 0, 0), unknownCommand);
    // Commands, options and keys are the contract and stay as they are.
    QVERIFY2(r.err.contains(u"serve [--listen HOST:"_s), qPrintable(r.err));
}

void TestCli::configSetGetListUnset()
{
    QCOMPARE(run({ u"config"_s, u"set"_s, u"routing.fallback_number"_s, u"(555) 000-9999"_s }).code, 0);
    Run r = run({ u"config"_s, u"get"_s, u"routing.fallback_number"_s });
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out.trimmed(), u"+15550009999"_s);

    QCOMPARE(run({ u"config"_s, u"set"_s, u"twilio.auth_token"_s, u"super-secret-token-value"_s }).code, 0);
    r = run({ u"config"_s, u"get"_s, u"twilio.auth_token"_s });
    QCOMPARE(r.out.trimmed(), u"(set)"_s);
    r = run({ u"config"_s, u"list"_s });
    QCOMPARE(r.code, 0);
    QVERIFY(!r.out.contains(u"super-secret-token-value"_s));
    QVERIFY(r.out.contains(u"retell.timeout_ms"_s));
    QVERIFY(r.out.contains(u"4000"_s));
    // The webhook token exists from the first command on, and it is printable.
    r = run({ u"config"_s, u"get"_s, u"server.webhook_token"_s });
    QVERIFY(r.out.trimmed().size() >= 22);

    // Never stored in clear.
    QFile db(m_dir->filePath(u"switchboard.db"_s));
    QVERIFY(db.open(QIODevice::ReadOnly));
    QVERIFY(!db.readAll().contains("super-secret-token-value"));

    QCOMPARE(run({ u"config"_s, u"unset"_s, u"twilio.auth_token"_s }).code, 0);
    QCOMPARE(run({ u"config"_s, u"get"_s, u"twilio.auth_token"_s }).out.trimmed(), u"(not set)"_s);
}

void TestCli::configRejectsBadValues_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::newRow("phone") << u"routing.fallback_number"_s << u"hello"_s;
    QTest::newRow("url") << u"retell.api_base"_s << u"not a url"_s;
    QTest::newRow("boolean") << u"routing.enabled"_s << u"maybe"_s;
    QTest::newRow("range") << u"routing.fallback_timeout_s"_s << u"9000"_s;
    QTest::newRow("account sid") << u"twilio.account_sid"_s << u"XY123"_s;
    QTest::newRow("unknown key") << u"routing.fallback"_s << u"+15550009999"_s;
}

void TestCli::configReadsASecretFromStandardInput()
{
    const QString secret = u"StdinAuthToken0123456789abcdef"_s;
    Run r = run(
        { u"config"_s, u"set"_s, u"twilio.auth_token"_s, u"-"_s }, environment(), secret.toUtf8() + "\n");
    QCOMPARE(r.code, 0);
    QVERIFY(!r.out.contains(secret) && !r.err.contains(secret));
    QCOMPARE(run({ u"config"_s, u"get"_s, u"twilio.auth_token"_s }).out.trimmed(), u"(set)"_s);
    // The value arrived whole, without its line break.
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    DataDirectory data(m_dir->path());
    QString error;
    QVERIFY2(data.open(&error), qPrintable(error));
    QCOMPARE(data.settings().routerSettings().twilioAuthToken, secret);

    r = run({ u"config"_s, u"set"_s, u"retell.api_key"_s, u"-"_s }, environment(), QByteArray());
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"retell.api_key"_s), qPrintable(r.err));
    QCOMPARE(run({ u"config"_s, u"get"_s, u"retell.api_key"_s }).out.trimmed(), u"(not set)"_s);
}

void TestCli::configRejectsBadValues()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    const Run r = run({ u"config"_s, u"set"_s, key, value });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(key), qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count(u'\n'), 0); // one sentence
}

void TestCli::everyCommandHasHelp_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("usage");

    QTest::newRow("--help") << QStringList { u"--help"_s } << u"Usage: switchboard [--data-dir DIR]"_s;
    QTest::newRow("-h") << QStringList { u"-h"_s } << u"Usage: switchboard [--data-dir DIR]"_s;
    QTest::newRow("serve") << QStringList { u"serve"_s, u"--help"_s } << u"Usage: switchboard serve"_s;
    QTest::newRow("config") << QStringList { u"config"_s, u"--help"_s } << u"Usage: switchboard config"_s;
    QTest::newRow("config set") << QStringList { u"config"_s, u"set"_s, u"--help"_s }
                                << u"Usage: switchboard config"_s;
    QTest::newRow("import") << QStringList { u"import"_s, u"--help"_s } << u"Usage: switchboard import"_s;
    QTest::newRow("import customers")
        << QStringList { u"import"_s, u"customers"_s, u"-h"_s } << u"Usage: switchboard import"_s;
    QTest::newRow("calls") << QStringList { u"calls"_s, u"--help"_s } << u"Usage: switchboard calls"_s;
    QTest::newRow("plan") << QStringList { u"plan"_s, u"--help"_s } << u"Usage: switchboard plan"_s;
    QTest::newRow("simulate") << QStringList { u"simulate"_s, u"--help"_s } << u"Usage: switchboard simulate"_s;
    QTest::newRow("backup") << QStringList { u"backup"_s, u"--help"_s } << u"Usage: switchboard backup FILE"_s;
    QTest::newRow("restore") << QStringList { u"restore"_s, u"--help"_s } << u"Usage: switchboard restore FILE"_s;
    QTest::newRow("doctor") << QStringList { u"doctor"_s, u"--help"_s } << u"Usage: switchboard doctor [--json]"_s;
    QTest::newRow("twilio") << QStringList { u"twilio"_s, u"--help"_s } << u"Usage: switchboard twilio apply"_s;
    QTest::newRow("stats") << QStringList { u"stats"_s, u"--help"_s } << u"Usage: switchboard stats"_s;
    QTest::newRow("monitor") << QStringList { u"monitor"_s, u"--help"_s } << u"Usage: switchboard monitor URL"_s;
    QTest::newRow("calls show") << QStringList { u"calls"_s, u"show"_s, u"--help"_s }
                                << u"Usage: switchboard calls"_s;
    QTest::newRow("help after --data-dir") << QStringList { u"--data-dir"_s, u"somewhere"_s, u"calls"_s,
        u"--help"_s } << u"Usage: switchboard calls"_s;
}

void TestCli::everyCommandHasHelp()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, usage);

    const Run r = run(arguments);
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.startsWith(usage), qPrintable(r.out));
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    // Asking for help touches no data folder.
    QVERIFY(!QFile::exists(m_dir->filePath(u"switchboard.db"_s)));
}

void TestCli::dataDirWithEqualsSignOrMissing()
{
    TempDataDir other;
    QCOMPARE(
        run({ u"--data-dir="_s + other.path(), u"config"_s, u"set"_s, u"routing.enabled"_s, u"on"_s }).code,
        0);
    QCOMPARE(
        run({ u"config"_s, u"get"_s, u"routing.enabled"_s, u"--data-dir"_s, other.path() }).out.trimmed(),
        u"true"_s);

    const Run missing = run({ u"config"_s, u"list"_s, u"--data-dir"_s });
    QCOMPARE(missing.code, 2);
    QVERIFY2(missing.err.contains(u"--data-dir"_s), qPrintable(missing.err));
}

void TestCli::firstCommandCreatesTheWebhookToken_data()
{
    QTest::addColumn<QStringList>("arguments");

    QTest::newRow("config list") << QStringList { u"config"_s, u"list"_s };
    QTest::newRow("config set") << QStringList { u"config"_s, u"set"_s, u"routing.enabled"_s, u"true"_s };
    QTest::newRow("calls") << QStringList { u"calls"_s, u"--json"_s };
    QTest::newRow("calls show") << QStringList { u"calls"_s, u"show"_s, u"CA0"_s };
    QTest::newRow("import") << QStringList { u"import"_s, u"customers"_s, u"CUSTOMERS"_s };
}

void TestCli::firstCommandCreatesTheWebhookToken()
{
    QFETCH(QStringList, arguments);

    const QString csv = m_dir->writeFile(u"customers.csv"_s, "customer_id,name,phone\nC1,Ada,555-123-4567\n");
    arguments.replaceInStrings(u"CUSTOMERS"_s, csv);
    TempDataDir fresh;
    const QString folder = fresh.filePath(u"data"_s);
    const Run r = run(QStringList { u"--data-dir"_s, folder } + arguments);
    QVERIFY2(r.code == 0 || r.code == 2, qPrintable(r.err)); // `calls show` of an unknown call is 2

    Database db(Database::fileNameIn(folder));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    const std::optional<StoredSetting> token = SettingsStore(db).find(u"server.webhook_token"_s);
    QVERIFY(token);
    QVERIFY2(token->value.size() >= 22, qPrintable(token->value));
}

void TestCli::dataDirBeforeOrAfterTheCommand()
{
    TempDataDir other;
    QCOMPARE(
        run({ u"--data-dir"_s, other.path(), u"config"_s, u"set"_s, u"routing.enabled"_s, u"true"_s }).code,
        0);
    QCOMPARE(
        run({ u"config"_s, u"get"_s, u"routing.enabled"_s, u"--data-dir"_s, other.path() }).out.trimmed(),
        u"true"_s);
    // The environment's data dir was not touched.
    QCOMPARE(run({ u"config"_s, u"get"_s, u"routing.enabled"_s }).out.trimmed(), u"false"_s);
}

void TestCli::importIsAllOrNothing()
{
    const QString file = m_dir->writeFile(u"customers.csv"_s,
        "customer_id,name,phone,email,notes\n"
        "C1,Jane Doe,(555) 123-4567,,\n"
        "C2,Bad Phone,abc,,\n"
        "C3,Ann Lee,555.765.1111,,\n"
        ",No Id,5557652222,,\n");
    Run r = run({ u"import"_s, u"customers"_s, file });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"customers.csv:3:"_s), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"customers.csv:5:"_s), qPrintable(r.err));
    QVERIFY(r.err.contains(u"Nothing was imported"_s));

    // Fixed file: imported, then re-imported as updates.
    const QString good = m_dir->writeFile(u"good.csv"_s,
        "\xEF\xBB\xBF"
        "customer_id,name,phone,email,notes\n"
        "C1,Jane Doe,(555) 123-4567,,\n"
        "C3,\"Lee, Ann\",555.765.1111,,\"likes \"\"mornings\"\"\"\n");
    r = run({ u"import"_s, u"customers"_s, good });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(u"2 new"_s), qPrintable(r.out));
    r = run({ u"import"_s, u"customers"_s, good });
    QVERIFY2(r.out.contains(u"2 updated"_s), qPrintable(r.out));
}

void TestCli::importSkipInvalid()
{
    const QString file = m_dir->writeFile(u"bookings.csv"_s,
        "booking_id,customer_id,customer_name,phone,starts_at,ends_at,status\n"
        "B1,,Jane Doe,(555) 123-4567,2030-01-02T10:00:00Z,,confirmed\n"
        "B2,,Bad Date,(555) 123-4568,yesterday,,confirmed\n");
    const Run r = run({ u"import"_s, u"bookings"_s, file, u"--skip-invalid"_s });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains(u"bookings.csv:3:"_s), qPrintable(r.err));
    QVERIFY2(r.out.contains(u"1 new"_s), qPrintable(r.out));
}

void TestCli::importUnreadableFile()
{
    const Run r = run({ u"import"_s, u"customers"_s, m_dir->filePath(u"missing.csv"_s) });
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(u"missing.csv"_s));
}

void TestCli::importChecksRowsAsTheAddDialogDoes()
{
    // Semicolons, as a spreadsheet saves CSV where a comma is the decimal separator.
    const QString file = m_dir->writeFile(u"customers.csv"_s,
        "customer_id;name;phone;email\n"
        "C1;Maria Lopez;(555) 123-0001;maria@example.com\n"
        "C2;José Lopez;555.123.0001;\n"
        "C3;;555-123-0003;\n"
        "C4;Tom Becker;555-123-0004;tom(at)example.com\n");
    Run r = run({ u"import"_s, u"customers"_s, file });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"customers.csv:4: name is empty"_s), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"customers.csv:5: email \"tom(at)example.com\" is not an email address"_s),
        qPrintable(r.err));
    // A family's shared landline is worth a look, not a refusal.
    QVERIFY2(r.err.contains(u"customers.csv:2: warning: Lines 2, 3 have the same phone number"_s),
        qPrintable(r.err));

    r = run({ u"import"_s, u"customers"_s, file, u"--skip-invalid"_s });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(u"2 new"_s), qPrintable(r.out));
    QVERIFY2(r.err.contains(u"warning:"_s), qPrintable(r.err));
}

void TestCli::planExportImportRoundTrip()
{
    // With nothing imported, the export is the booking rule with the configured fallback number.
    QCOMPARE(run({ u"config"_s, u"set"_s, u"routing.fallback_number"_s, u"(555) 000-9999"_s }).code, 0);
    const QString builtIn = m_dir->filePath(u"built-in.json"_s);
    Run r = run({ u"plan"_s, u"export"_s, builtIn });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(u"built-in routing plan"_s), qPrintable(r.out));
    QFile exported(builtIn);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    const QJsonObject document = QJsonDocument::fromJson(exported.readAll()).object();
    const QJsonArray rules = document.value(u"plans"_s).toArray().at(0).toObject().value(u"rules"_s).toArray();
    QCOMPARE(rules.size(), 2);
    QCOMPARE(rules.at(0).toObject().value(u"then"_s).toObject().value(u"do"_s).toString(), u"ai_agent"_s);
    QCOMPARE(rules.at(1).toObject().value(u"then"_s).toObject().value(u"number"_s).toString(), u"+15550009999"_s);

    const QString plan = m_dir->writeFile(u"plan.json"_s, R"({ "version": 1, "time_zone": "Europe/Berlin",
        "staff": [ { "id": "alice", "name": "Alice Ng", "phone": "(555) 111-0001" } ],
        "teams": [ { "id": "front", "name": "Front desk", "tiers": [["alice"]] } ],
        "plans": [ { "numbers": ["default"], "rules": [
            { "name": "Booked", "if": { "has_booking": true }, "then": { "do": "ai_agent" } },
            { "name": "Desk", "then": { "do": "team", "team": "front" } } ] } ] })"_ba);
    r = run({ u"plan"_s, u"import"_s, plan });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(u"1 staff, 1 team, 1 plan with 2 rules"_s), qPrintable(r.out));

    // Exported as imported, numbers in E.164 and the defaults written out.
    r = run({ u"plan"_s, u"export"_s, u"-"_s });
    QCOMPARE(r.code, 0);
    const QJsonObject back = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(back.value(u"time_zone"_s).toString(), u"Europe/Berlin"_s);
    QCOMPARE(back.value(u"staff"_s).toArray().at(0).toObject().value(u"phone"_s).toString(), u"+15551110001"_s);
    QCOMPARE(back.value(u"teams"_s).toArray().at(0).toObject().value(u"max_people"_s).toInt(), 3);
    QCOMPARE(back.value(u"plans"_s).toArray().at(0).toObject().value(u"rules"_s).toArray().size(), 2);

    // And the export imports again unchanged.
    const QString again = m_dir->writeFile(u"again.json"_s, r.out.toUtf8());
    QCOMPARE(run({ u"plan"_s, u"import"_s, again }).code, 0);
    QCOMPARE(run({ u"plan"_s, u"export"_s, u"-"_s }).out, r.out);
}

void TestCli::planImportNamesEveryFaultAndChangesNothing()
{
    const QString good = m_dir->writeFile(u"good.json"_s,
        R"({ "version": 1, "plans": [ { "numbers": ["default"], "rules": [ { "then": { "do": "reject" } } ] } ] })"_ba);
    QCOMPARE(run({ u"plan"_s, u"import"_s, good }).code, 0);
    const QString before = run({ u"plan"_s, u"export"_s, u"-"_s }).out;

    const QString bad = m_dir->writeFile(u"bad.json"_s, R"({ "version": 1,
        "staff": [ { "id": "alice", "name": "Alice", "phone": "12" } ],
        "plans": [ { "numbers": ["default"], "rules": [ { "then": { "do": "team", "team": "frnt" } } ] } ] })"_ba);
    const Run r = run({ u"plan"_s, u"import"_s, bad });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"bad.json: staff[0].phone:"_s), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"bad.json: plans[0].rules[0].then.team: no team \"frnt\""_s), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"Nothing was imported"_s), qPrintable(r.err));
    QCOMPARE(run({ u"plan"_s, u"export"_s, u"-"_s }).out, before);

    const Run missing = run({ u"plan"_s, u"import"_s, m_dir->filePath(u"missing.json"_s) });
    QCOMPARE(missing.code, 2);
    QVERIFY2(missing.err.contains(u"missing.json"_s), qPrintable(missing.err));
    QCOMPARE(run({ u"plan"_s, u"publish"_s, good }).code, 2);
}

void TestCli::planImportFromStandardInput()
{
    const Run r = run({ u"plan"_s, u"import"_s, u"-"_s }, environment(),
        R"({ "version": 1, "block": ["+1 900"], "plans": [ { "numbers": ["default"], "rules": [] } ] })"_ba);
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(u"standard input"_s), qPrintable(r.out));
    const QJsonObject back = QJsonDocument::fromJson(run({ u"plan"_s, u"export"_s, u"-"_s }).out.toUtf8()).object();
    QCOMPARE(back.value(u"block"_s).toArray().at(0).toString(), u"+1900"_s);
}

// The staff and rules the simulate tests share: a menu to a team whose first person keeps office hours.
static QByteArray simulatedPlan()
{
    return R"({ "version": 1, "time_zone": "America/New_York",
  "staff": [ { "id": "alice", "name": "Alice Ng", "phone": "+1 555 111 0001", "schedule": "office" },
             { "id": "bob", "name": "Bob Ray", "phone": "+1 555 111 0002" },
             { "id": "carol", "name": "Carol Diaz", "phone": "+1 555 111 0003", "active": false } ],
  "schedules": [ { "id": "office", "weekly": [ { "days": ["mon","tue","wed","thu","fri"], "from": "08:00", "to": "17:30" } ],
                   "closed": ["2026-12-25"] } ],
  "teams": [ { "id": "front", "name": "Front desk", "tiers": [["alice"], ["bob", "carol"]] } ],
  "block": ["+1900"],
  "plans": [ { "numbers": ["default"], "rules": [
     { "name": "Everyone", "if": {}, "then": { "do": "menu", "prompt": { "say": "Press 1 for the desk." },
        "attempts": 2, "options": { "1": { "do": "team", "team": "front" } } } } ] } ] })"_ba;
}

void TestCli::simulateShowsThePathAndWritesNothing()
{
    QCOMPARE(run({ u"config"_s, u"set"_s, u"routing.enabled"_s, u"true"_s }).code, 0);
    QCOMPARE(run({ u"config"_s, u"set"_s, u"routing.fallback_number"_s, u"+15550009999"_s }).code, 0);
    QCOMPARE(run({ u"plan"_s, u"import"_s, u"-"_s }, environment(), simulatedPlan()).code, 0);

    // A Thursday at 10:00 in New York: Alice is in the office.
    const Run r = run({ u"simulate"_s, u"--from"_s, u"(555) 999-0000"_s, u"--to"_s, u"+15557654321"_s, u"--at"_s,
        u"2026-12-24T10:00:00-05:00"_s, u"--digits"_s, u"1"_s, u"--json"_s });
    QCOMPARE(r.code, 0);
    const QJsonObject result = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(result.value(u"from"_s).toString(), u"+15559990000"_s);
    QCOMPARE(result.value(u"to"_s).toString(), u"+15557654321"_s);
    QCOMPARE(result.value(u"at"_s).toString(), u"2026-12-24T15:00:00Z"_s);
    QCOMPARE(result.value(u"blocked"_s).toBool(), false);
    QCOMPARE(result.value(u"matched_rule"_s).toString(), u"Everyone"_s);
    QVERIFY(result.value(u"booking_id"_s).isNull());
    QStringList order;
    for (const QJsonValue &dial : result.value(u"dial_order"_s).toArray())
        order << dial.toObject().value(u"phone"_s).toString();
    QCOMPARE(order, (QStringList { u"+15551110001"_s, u"+15551110002"_s, u"+15550009999"_s }));
    QCOMPARE(result.value(u"dial_order"_s).toArray().at(1).toObject().value(u"tier"_s).toInt(), 2);
    const QJsonArray skipped = result.value(u"skipped"_s).toArray();
    QCOMPARE(skipped.size(), 1);
    QCOMPARE(skipped.at(0).toObject().value(u"staff"_s).toString(), u"carol"_s);
    QCOMPARE(skipped.at(0).toObject().value(u"reason"_s).toString(), u"not active"_s);
    QStringList steps;
    int withTwiml = 0;
    for (const QJsonValue &step : result.value(u"steps"_s).toArray()) {
        steps << step.toObject().value(u"step"_s).toString();
        if (step.toObject().value(u"twiml"_s).toString().startsWith(u"<?xml"_s))
            ++withTwiml;
    }
    QCOMPARE(steps.first(), u"CallReceived"_s);
    QVERIFY(steps.contains(u"MenuChoice"_s));
    QCOMPARE(steps.count(u"DialTarget"_s), 2);
    QCOMPARE(steps.last(), u"Hangup"_s);
    QCOMPARE(withTwiml, 5); // menu, two rounds, the fallback, the closing message

    // Nothing reached the call log.
    Run calls = run({ u"calls"_s, u"--json"_s });
    QCOMPARE(QJsonDocument::fromJson(calls.out.toUtf8()).array().size(), 0);

    // The text form says the same for a person.
    const Run text = run({ u"simulate"_s, u"--from"_s, u"+15559990000"_s, u"--at"_s, u"2026-12-24T10:00"_s,
        u"--digits"_s, u"1"_s });
    QCOMPARE(text.code, 0);
    QVERIFY2(text.out.contains(u"Rule: \"Everyone\""_s), qPrintable(text.out));
    QVERIFY2(text.out.contains(u"Carol Diaz: not active"_s), qPrintable(text.out));
    QVERIFY2(text.out.contains(u"1. Alice Ng (+15551110001), tier 1"_s), qPrintable(text.out));
}

void TestCli::simulateFollowsMenuKeysAndTime()
{
    QCOMPARE(run({ u"config"_s, u"set"_s, u"routing.enabled"_s, u"true"_s }).code, 0);
    QCOMPARE(run({ u"plan"_s, u"import"_s, u"-"_s }, environment(), simulatedPlan()).code, 0);
    const auto simulate = [this](const QStringList &extra) {
        return QJsonDocument::fromJson(
            run(QStringList { u"simulate"_s, u"--json"_s, u"--from"_s, u"+15559990000"_s } + extra).out.toUtf8())
            .object();
    };
    // Christmas Day: the office is closed, so Alice is skipped with the schedule's reason.
    QJsonObject result = simulate({ u"--at"_s, u"2026-12-25T10:00"_s, u"--digits"_s, u"1"_s });
    QCOMPARE(result.value(u"dial_order"_s).toArray().at(0).toObject().value(u"staff"_s).toString(), u"bob"_s);
    QVERIFY(result.value(u"skipped"_s).toArray().at(0).toObject().value(u"reason"_s).toString().contains(u"closed"_s));
    // Wrong keys until the menu gives up: nobody in the team is rung.
    result = simulate({ u"--digits"_s, u"79"_s });
    int menuChoices = 0;
    for (const QJsonValue &step : result.value(u"steps"_s).toArray())
        menuChoices += step.toObject().value(u"step"_s).toString() == u"MenuChoice"_s;
    QCOMPARE(menuChoices, 2);
    QVERIFY(result.value(u"dial_order"_s).toArray().isEmpty()); // no fallback number set either
    // A blocked caller.
    result = simulate({ u"--from"_s, u"+19005550100"_s });
    QVERIFY(result.value(u"blocked"_s).toBool());
}

void TestCli::simulateRejectsBadInput()
{
    QCOMPARE(run({ u"simulate"_s }).code, 2);
    Run r = run({ u"simulate"_s, u"--from"_s, u"not a number"_s });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"not a number"_s), qPrintable(r.err));
    r = run({ u"simulate"_s, u"--from"_s, u"+15559990000"_s, u"--at"_s, u"yesterday"_s });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"--at"_s), qPrintable(r.err));
    QCOMPARE(run({ u"simulate"_s, u"--from"_s, u"+15559990000"_s, u"--digits"_s, u"1x"_s }).code, 2);
}

void TestCli::callsOnAnEmptyLog()
{
    Run r = run({ u"calls"_s, u"--json"_s });
    QCOMPARE(r.code, 0);
    QVERIFY(QJsonDocument::fromJson(r.out.toUtf8()).isArray());
    QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 0);
    r = run({ u"calls"_s, u"show"_s, u"CA00000000000000000000000000000000"_s });
    QCOMPARE(r.code, 2);
}

void TestCli::callsBadOptions()
{
    QCOMPARE(run({ u"calls"_s, u"--outcome"_s, u"exploded"_s }).code, 2);
    QCOMPARE(run({ u"calls"_s, u"--limit"_s, u"zero"_s }).code, 2);
}

void TestCli::statsOnAnEmptyLog()
{
    const Run r = run({ u"stats"_s, u"--json"_s });
    QCOMPARE(r.code, 0);
    const QJsonObject stats = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(stats.value(u"total"_s).toInt(-1), 0);
    const QJsonObject byOutcome = stats.value(u"by_outcome"_s).toObject();
    QCOMPARE(byOutcome.keys(), (QStringList { u"ai_agent"_s, u"answered"_s, u"blocked"_s, u"failed"_s, u"missed"_s,
                                   u"ongoing"_s, u"voicemail"_s }));
    for (const QJsonValue &count : byOutcome)
        QCOMPARE(count.toInt(-1), 0);
    for (const char *key : { "answered_rate", "ai_rate", "missed_rate", "voicemail_rate", "average_duration_s",
             "p90_duration_s" })
        QVERIFY2(stats.value(QLatin1String(key)).isDouble() && stats.value(QLatin1String(key)).toDouble() == 0, key);
    QVERIFY(stats.value(u"number"_s).isNull());
    QVERIFY(!stats.value(u"time_zone"_s).toString().isEmpty());
    // The last 30 days, today included, up to now.
    const QJsonArray days = stats.value(u"per_day"_s).toArray();
    QCOMPARE(days.size(), 30);
    QCOMPARE(days.at(29).toObject().value(u"outcomes"_s).toObject().size(), 7);
    const QDateTime until = QDateTime::fromString(stats.value(u"until"_s).toString(), Qt::ISODateWithMs);
    QVERIFY(qAbs(until.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QVERIFY(stats.value(u"since"_s).toString().endsWith(u'Z'));
    const QJsonArray week = stats.value(u"week_hours"_s).toArray();
    QCOMPARE(week.size(), 7);
    for (const QJsonValue &day : week) {
        QCOMPARE(day.toArray().size(), 24);
        for (const QJsonValue &hour : day.toArray())
            QCOMPARE(hour.toInt(-1), 0);
    }
    QVERIFY(stats.value(u"call_back"_s).isArray());
    QVERIFY(stats.value(u"call_back"_s).toArray().isEmpty());

    const Run text = run({ u"stats"_s });
    QCOMPARE(text.code, 0);
    QVERIFY2(text.out.contains(u"Total: 0 calls"_s), qPrintable(text.out));
    QVERIFY2(text.out.contains(u"Call back: nobody is waiting."_s), qPrintable(text.out));
}

void TestCli::statsOfTheLoggedCalls()
{
    // Days and hours are New York's, the plan's time zone.
    QCOMPARE(run({ u"plan"_s, u"import"_s, u"-"_s }, environment(),
                 R"({ "version": 1, "time_zone": "America/New_York", "plans": [ { "numbers": ["default"], "rules": [] } ] })"_ba)
                 .code,
        0);
    const QString customers = m_dir->writeFile(u"customers.csv"_s, "customer_id,name,phone\nC1,Bea Smith,(555) 123-0002\n");
    QCOMPARE(run({ u"import"_s, u"customers"_s, customers }).code, 0);
    {
        Database db(Database::fileNameIn(m_dir->path()));
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        CallStore calls(db);
        int count = 0;
        const auto call = [&](const QString &from, const QString &startedAt, const QString &outcome, int seconds,
                              const QString &to = u"+15557654321"_s) {
            CallSessionRecord session;
            session.callSid = u"CA%1"_s.arg(++count, 32, 10, QLatin1Char('0'));
            session.from = from;
            session.to = to;
            session.startedAt = QDateTime::fromString(startedAt, Qt::ISODate).toUTC();
            QString error;
            if (!calls.createSession(session, &error))
                return false;
            session.outcome = CallLogTestNames::outcome(outcome);
            session.durationSeconds = seconds;
            return calls.updateSession(session, &error);
        };
        QVERIFY(call(u"+15551230001"_s, u"2026-10-31T23:59:00-04:00"_s, u"answered"_s, 60)); // the day before
        QVERIFY(call(u"+15551230001"_s, u"2026-11-01T09:30:00-05:00"_s, u"answered"_s, 120)); // Sunday
        QVERIFY(call(u"+15551230002"_s, u"2026-11-01T10:15:00-05:00"_s, u"missed"_s, 20));
        QVERIFY(call(u"+15551230003"_s, u"2026-11-02T09:05:00-05:00"_s, u"ai_agent"_s, 300)); // Monday
        QVERIFY(call(u"+19005550100"_s, u"2026-11-02T12:00:00-05:00"_s, u"blocked"_s, 0));
        QVERIFY(call(u"+15551230004"_s, u"2026-11-02T23:59:00-05:00"_s, u"missed"_s, 15));
        QVERIFY(call(u"+15551230004"_s, u"2026-11-03T08:00:00-05:00"_s, u"answered"_s, 90)); // the day after
        QVERIFY(call(u"+15551230005"_s, u"2026-11-02T11:00:00-05:00"_s, u"answered"_s, 45, u"+15550001111"_s));
    }

    Run r = run({ u"stats"_s, u"--json"_s, u"--since"_s, u"2026-11-01"_s, u"--until"_s, u"2026-11-02"_s,
        u"--number"_s, u"(555) 765-4321"_s });
    QCOMPARE(r.code, 0);
    QJsonObject stats = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(stats.value(u"since"_s).toString(), u"2026-11-01T04:00:00.000Z"_s);
    QCOMPARE(stats.value(u"until"_s).toString(), u"2026-11-03T05:00:00.000Z"_s);
    QCOMPARE(stats.value(u"time_zone"_s).toString(), u"America/New_York"_s);
    QCOMPARE(stats.value(u"number"_s).toString(), u"+15557654321"_s);
    QCOMPARE(stats.value(u"total"_s).toInt(), 5);
    const QJsonObject byOutcome = stats.value(u"by_outcome"_s).toObject();
    QCOMPARE(byOutcome.value(u"answered"_s).toInt(), 1);
    QCOMPARE(byOutcome.value(u"missed"_s).toInt(), 2);
    QCOMPARE(byOutcome.value(u"ai_agent"_s).toInt(), 1);
    QCOMPARE(byOutcome.value(u"blocked"_s).toInt(), 1);
    QCOMPARE(byOutcome.value(u"voicemail"_s).toInt(), 0);
    // Four finished calls that were not blocked.
    QCOMPARE(stats.value(u"answered_rate"_s).toDouble(), 0.25);
    QCOMPARE(stats.value(u"ai_rate"_s).toDouble(), 0.25);
    QCOMPARE(stats.value(u"missed_rate"_s).toDouble(), 0.5);
    QCOMPARE(stats.value(u"voicemail_rate"_s).toDouble(), 0.0);
    QCOMPARE(stats.value(u"average_duration_s"_s).toDouble(), 91.0); // (120 + 20 + 300 + 0 + 15) / 5
    QCOMPARE(stats.value(u"p90_duration_s"_s).toInt(), 300);
    const QJsonArray days = stats.value(u"per_day"_s).toArray();
    QCOMPARE(days.size(), 2);
    QCOMPARE(days.at(0).toObject().value(u"date"_s).toString(), u"2026-11-01"_s);
    const QJsonObject monday = days.at(1).toObject().value(u"outcomes"_s).toObject();
    QCOMPARE(monday.value(u"ai_agent"_s).toInt(), 1);
    QCOMPARE(monday.value(u"blocked"_s).toInt(), 1);
    QCOMPARE(monday.value(u"missed"_s).toInt(), 1);
    const QJsonArray week = stats.value(u"week_hours"_s).toArray();
    QCOMPARE(week.at(0).toArray().at(9).toInt(), 1); // Monday 09:05
    QCOMPARE(week.at(0).toArray().at(23).toInt(), 1);
    QCOMPARE(week.at(6).toArray().at(9).toInt(), 1); // Sunday 09:30
    QCOMPARE(week.at(6).toArray().at(10).toInt(), 1);
    // The caller answered the next morning is not waiting any more.
    const QJsonArray callBack = stats.value(u"call_back"_s).toArray();
    QCOMPARE(callBack.size(), 1);
    const QJsonObject bea = callBack.at(0).toObject();
    QCOMPARE(bea.value(u"from"_s).toString(), u"+15551230002"_s);
    QCOMPARE(bea.value(u"customer_name"_s).toString(), u"Bea Smith"_s);
    QCOMPARE(bea.value(u"missed"_s).toInt(), 1);
    QCOMPARE(bea.value(u"last_missed_at"_s).toString(), u"2026-11-01T15:15:00.000Z"_s);

    // Every number, and times instead of days.
    r = run({ u"stats"_s, u"--json"_s, u"--since"_s, u"2026-11-01T00:00"_s, u"--until"_s, u"2026-11-03T05:00:00Z"_s });
    stats = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(stats.value(u"total"_s).toInt(), 6);
    QCOMPARE(stats.value(u"by_outcome"_s).toObject().value(u"answered"_s).toInt(), 2);

    const Run text = run({ u"stats"_s, u"--since"_s, u"2026-11-01"_s, u"--until"_s, u"2026-11-02"_s, u"--number"_s,
        u"+15557654321"_s });
    QCOMPARE(text.code, 0);
    for (const QString &line : { u"Calls from 2026-11-01 00:00 to 2026-11-03 00:00 (America/New_York), to (555) 765-4321"_s,
             u"Total: 5 calls"_s, u"Answered 25.0%, AI agent 25.0%, missed 50.0%, voicemail 0.0% of the 4 finished calls"_s,
             u"Duration: average 1:31, p90 5:00"_s, u"Busiest hours: Mon 09:00-10:00 (1 call)"_s, u"2026-11-02"_s,
             u"(555) 123-0002"_s, u"Bea Smith"_s })
        QVERIFY2(text.out.contains(line), qPrintable(line + u"\n"_s + text.out));
    // The text is for people, in the practice's national form; --json above keeps E.164.
    QVERIFY2(!text.out.contains(u"+1555"_s), qPrintable(text.out));
}

void TestCli::statsRejectsBadOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("option");

    QTest::newRow("a word for --since") << QStringList { u"--since"_s, u"yesterday"_s } << u"--since"_s;
    QTest::newRow("no such month") << QStringList { u"--until"_s, u"2026-13-01"_s } << u"--until"_s;
    QTest::newRow("day without a year") << QStringList { u"--since"_s, u"11-01"_s } << u"--since"_s;
    QTest::newRow("--since after --until")
        << QStringList { u"--since"_s, u"2026-11-05"_s, u"--until"_s, u"2026-11-01"_s } << u"--since"_s;
    QTest::newRow("--since in the future") << QStringList { u"--since"_s, u"2999-01-01"_s } << u"--since"_s;
    QTest::newRow("not a number") << QStringList { u"--number"_s, u"front desk"_s } << u"--number"_s;
}

void TestCli::statsRejectsBadOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, option);

    const Run r = run(QStringList { u"stats"_s } + arguments);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.startsWith(option), qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count(u'\n'), 0); // one sentence
}

void TestCli::serveAnswersWebhooksUntilSigterm()
{
    const QString token = u"AuthTokenForTheServeTest123"_s;
    const QString webhookToken = setUpRouting(token);
    if (QTest::currentTestFailed())
        return;

    const quint16 port = freePort();
    QProcess serve;
    QByteArray printed;
    startServe(serve, port, &printed);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(printed.contains(QString(u"/twilio/voice/"_s + webhookToken).toUtf8()), printed.constData());
    // Where other seats connect.
    QVERIFY2(QRegularExpression(u"Live feed: +ws://127\\.0\\.0\\.1:[1-9][0-9]*/feed"_s).match(QString::fromUtf8(printed)).hasMatch(),
        printed.constData());

    FakeTwilio twilio(QUrl(u"http://127.0.0.1:%1"_s.arg(port)), token.toUtf8());
    const QString sid = FakeTwilio::newCallSid();
    TwilioReply reply = twilio.post(twilio.publicUrl(u"/twilio/voice/"_s + webhookToken),
        FakeTwilio::callFields(sid, u"+15551112222"_s, u"+15557654321"_s));
    QCOMPARE(reply.status, 200);
    const TwimlDocument twiml = reply.twiml();
    const TwimlVerb *dial = twiml.find(u"Dial"_s);
    QVERIFY(dial);
    QCOMPARE(dial->children.value(0).text, u"+15550009999"_s);

    // A setting changed while serve runs applies to the next call.
    QCOMPARE(run({ u"config"_s, u"set"_s, u"routing.fallback_number"_s, u"+1 555 000 7777"_s }).code, 0);
    reply = twilio.post(twilio.publicUrl(u"/twilio/voice/"_s + webhookToken),
        FakeTwilio::callFields(FakeTwilio::newCallSid(), u"+15551112222"_s, u"+15557654321"_s));
    QCOMPARE(reply.twiml().find(u"Dial"_s)->children.value(0).text, u"+15550007777"_s);

    ::kill(pid_t(serve.processId()), SIGTERM);
    QVERIFY(serve.waitForFinished(10000));
    QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
    QCOMPARE(serve.exitCode(), 0);

    // The call is in the log, in the contract's JSON shape.
    Run r = run({ u"calls"_s, u"--json"_s });
    QCOMPARE(r.code, 0);
    const QJsonArray calls = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(calls.size(), 2);
    const QJsonObject oldest = calls.at(1).toObject();
    for (const char *key : { "call_sid", "from", "to", "started_at", "ended_at", "duration_s", "outcome",
             "customer_name", "booking_id" })
        QVERIFY2(oldest.contains(QLatin1String(key)), key);
    QCOMPARE(oldest.value(u"call_sid"_s).toString(), sid);
    QCOMPARE(oldest.value(u"outcome"_s).toString(), u"ongoing"_s);
    QVERIFY(oldest.value(u"ended_at"_s).isNull());
    QVERIFY(oldest.value(u"customer_name"_s).isNull());
    QVERIFY(oldest.value(u"started_at"_s).toString().endsWith(u'Z'));

    r = run({ u"calls"_s, u"show"_s, sid, u"--json"_s });
    QCOMPARE(r.code, 0);
    const QJsonObject shown = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonArray events = shown.value(u"events"_s).toArray();
    QVERIFY(events.size() >= 3);
    const QJsonObject first = events.at(0).toObject();
    QCOMPARE(first.value(u"step"_s).toString(), u"CallReceived"_s);
    QCOMPARE(first.value(u"action"_s).toString(), u"webhook_received"_s);
    QCOMPARE(first.value(u"result"_s).toString(), u"processed"_s);
    QVERIFY(!first.value(u"detail"_s).toString().isEmpty());
    QVERIFY(!first.value(u"at"_s).toString().isEmpty());
    QVERIFY(shown.value(u"recordings"_s).toArray().isEmpty());

    // A voicemail saved with the call is shown with it.
    {
        DataDirectory data(m_dir->path());
        QString error;
        QVERIFY2(data.open(&error), qPrintable(error));
        RecordingRecord recording { sid, u"RE0001"_s, QUrl(u"https://api.twilio.com/Recordings/RE0001"_s), 23,
            u"recordings/%1-RE0001.mp3"_s.arg(sid), u"Please call me back."_s, {} };
        QVERIFY2(RecordingStore(data.database()).save(recording, &error), qPrintable(error));
    }
    r = run({ u"calls"_s, u"show"_s, sid, u"--json"_s });
    const QJsonObject voicemail
        = QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"recordings"_s).toArray().at(0).toObject();
    QCOMPARE(voicemail.value(u"duration_s"_s).toInt(), 23);
    QCOMPARE(voicemail.value(u"transcription"_s).toString(), u"Please call me back."_s);
    r = run({ u"calls"_s, u"show"_s, sid });
    QVERIFY2(r.out.contains(u"Voicemail:"_s) && r.out.contains(u"RE0001.mp3 (23 s)"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"Please call me back."_s), qPrintable(r.out));

    r = run({ u"calls"_s, u"--caller"_s, u"+1555111"_s });
    QVERIFY(r.out.contains(sid));
    r = run({ u"calls"_s, u"--caller"_s, u"+44"_s, u"--json"_s });
    QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 0);

    // Filters of the call list: newest first, at most --limit, only the --outcome asked for.
    r = run({ u"calls"_s, u"--json"_s, u"--limit"_s, u"1"_s });
    QCOMPARE(r.code, 0);
    const QJsonArray newest = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(newest.size(), 1);
    QCOMPARE(newest.at(0).toObject().value(u"call_sid"_s), calls.at(0).toObject().value(u"call_sid"_s));
    r = run({ u"calls"_s, u"--json"_s, u"--outcome"_s, u"ongoing"_s });
    QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 2);
    r = run({ u"calls"_s, u"--json"_s, u"--outcome"_s, u"missed"_s });
    QCOMPARE(r.code, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 0);
}

void TestCli::serveFollowsAChangedListenAddress()
{
    const quint16 first = freePort();
    QCOMPARE(run({ u"config"_s, u"set"_s, u"server.listen"_s, u"127.0.0.1:%1"_s.arg(first) }).code, 0);
    QProcess serve;
    serve.setProcessEnvironment(environment());
    serve.start(binary(), { u"serve"_s });
    QVERIFY(serve.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += serve.readAllStandardOutput()).contains("routing calls"), 10000);
    QVERIFY(answersOn(first));

    // Changed by another program while it runs: it moves at once, without a restart.
    const quint16 second = freePort();
    QCOMPARE(run({ u"config"_s, u"set"_s, u"server.listen"_s, u"127.0.0.1:%1"_s.arg(second) }).code, 0);
    QTRY_VERIFY_WITH_TIMEOUT((out += serve.readAllStandardOutput()).contains(
                                 u"now listening on 127.0.0.1:%1"_s.arg(second).toUtf8()),
        10000);
    QVERIFY(answersOn(second));
    QVERIFY(!answersOn(first));

    // An address that is taken leaves it where it was, and says so.
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    QCOMPARE(run({ u"config"_s, u"set"_s, u"server.listen"_s, u"127.0.0.1:%1"_s.arg(taken.serverPort()) }).code, 0);
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += serve.readAllStandardError()).contains("Still listening where it was"), 10000);
    QVERIFY(answersOn(second));

    ::kill(pid_t(serve.processId()), SIGTERM);
    QVERIFY(serve.waitForFinished(10000));
    QCOMPARE(serve.exitCode(), 0);
}

void TestCli::killedServeLosesNoAnsweredCall()
{
    const QString token = u"AuthTokenForTheKillTest123"_s;
    const QString webhookToken = setUpRouting(token);
    if (QTest::currentTestFailed())
        return;

    quint16 port = freePort();
    QProcess serve;
    startServe(serve, port);
    if (QTest::currentTestFailed())
        return;

    // Another program (a long import, say) takes the database's write lock and keeps it.
    Database other(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(other.open(&error), qPrintable(error));
    bool busy = false;
    QVERIFY2(other.beginWrite(&error, &busy, std::chrono::milliseconds(0)), qPrintable(error));

    FakeTwilio twilio(QUrl(u"http://127.0.0.1:%1"_s.arg(port)), token.toUtf8());
    QStringList answered;
    for (int i = 0; i < 8; ++i) {
        const QString sid = FakeTwilio::newCallSid();
        const TwilioReply reply = twilio.post(twilio.publicUrl(u"/twilio/voice/"_s + webhookToken),
            FakeTwilio::callFields(sid, u"+1555111%1"_s.arg(2000 + i), u"+15557654321"_s));
        QCOMPARE(reply.status, 200);
        answered.append(sid);
    }
    // Killed at once, with nothing it answered in the database yet.
    serve.kill();
    QVERIFY(serve.waitForFinished(10000));
    other.rollback();
    QCOMPARE(CallStore(other).sessionCount(), 0);

    // The next start writes every answered call's log.
    QProcess again;
    startServe(again, freePort());
    if (QTest::currentTestFailed())
        return;
    QTRY_COMPARE_WITH_TIMEOUT(CallStore(other).sessionCount(), qint64(answered.size()), 10000);
    for (const QString &sid : std::as_const(answered)) {
        QStringList steps;
        for (const CallEventRecord &event : CallStore(other).events(sid))
            steps.append(CallLogNames::name(event.step));
        QCOMPARE(steps, (QStringList { u"CallReceived"_s, u"BookingLookup"_s, u"DialFallback"_s }));
    }
    ::kill(pid_t(again.processId()), SIGTERM);
    QVERIFY(again.waitForFinished(10000));
    QCOMPARE(again.exitCode(), 0);
}

void TestCli::backupAndRestoreRoundTrip()
{
    const QString customers = m_dir->writeFile(u"customers.csv"_s,
        "customer_id,name,phone,email,notes\nC1,Jane Doe,(555) 123-4567,,\nC2,John Roe,(555) 222-3333,,\n");
    QCOMPARE(run({ u"import"_s, u"customers"_s, customers }).code, 0);
    QTemporaryDir elsewhere;
    const QString backup = elsewhere.filePath(u"monday.db"_s);
    Run r = run({ u"backup"_s, backup });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(u"Backed up 0 call"_s) && r.out.contains(u"monday.db"_s), qPrintable(r.out));
    QCOMPARE(customersIn(backup), 2);
    QCOMPARE(QFileInfo(backup).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());

    // A customer added after the backup: the restore takes the database back to Monday and keeps
    // today's aside.
    const QString more = m_dir->writeFile(u"more.csv"_s, "customer_id,name,phone,email,notes\nC3,Ann Lee,(555) 765-1111,,\n");
    QCOMPARE(run({ u"import"_s, u"customers"_s, more }).code, 0);
    r = run({ u"restore"_s, backup });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(u"kept in"_s), qPrintable(r.out));
    QCOMPARE(customersIn(Database::fileNameIn(m_dir->path())), 2);
    const QStringList aside = QDir(m_dir->path()).entryList({ u"before-restore-*"_s }, QDir::Dirs);
    QCOMPARE(aside.size(), 1);
    QCOMPARE(customersIn(QDir(m_dir->path()).filePath(aside.first() + u"/switchboard.db"_s)), 3);
    // And the restored folder works as before.
    r = run({ u"calls"_s, u"--json"_s });
    QCOMPARE(r.code, 0);
}

void TestCli::restoreRefusesWhatIsNotAGoodBackup()
{
    const QString customers = m_dir->writeFile(u"customers.csv"_s,
        "customer_id,name,phone,email,notes\nC1,Jane Doe,(555) 123-4567,,\n");
    QCOMPARE(run({ u"import"_s, u"customers"_s, customers }).code, 0);
    QTemporaryDir elsewhere;

    const QString text = elsewhere.filePath(u"notes.txt"_s);
    { QFile f(text); f.open(QIODevice::WriteOnly); f.write("dear diary\n"); }
    Run r = run({ u"restore"_s, text });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"not a Switchboard database"_s), qPrintable(r.err));

    const QString other = elsewhere.filePath(u"other.db"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other"_s);
        db.setDatabaseName(other);
        QVERIFY(db.open());
        QSqlQuery(u"CREATE TABLE recipes(name TEXT)"_s, db);
    }
    QSqlDatabase::removeDatabase(u"other"_s);
    r = run({ u"restore"_s, other });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"not a Switchboard one"_s), qPrintable(r.err));

    // A good backup, then damaged in the middle of its pages.
    const QString damaged = elsewhere.filePath(u"damaged.db"_s);
    QCOMPARE(run({ u"backup"_s, damaged }).code, 0);
    {
        QFile f(damaged);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 pages = f.size() / 4096;
        QVERIFY(pages > 4);
        for (qint64 page = 2; page < pages; page += 2) {
            f.seek(page * 4096 + 8);
            f.write(QByteArray(200, '\xAB'));
        }
    }
    r = run({ u"restore"_s, damaged });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"damaged"_s) || r.err.contains(u"cannot be read"_s), qPrintable(r.err));

    r = run({ u"restore"_s, elsewhere.filePath(u"missing.db"_s) });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"There is no file"_s), qPrintable(r.err));

    // Nothing was touched.
    QCOMPARE(customersIn(Database::fileNameIn(m_dir->path())), 1);
    QVERIFY(QDir(m_dir->path()).entryList({ u"before-restore-*"_s }, QDir::Dirs).isEmpty());
}

void TestCli::restoreIsRefusedWhileTheRouterRuns()
{
    QTemporaryDir elsewhere;
    const QString backup = elsewhere.filePath(u"b.db"_s);
    // A data folder without a database has nothing to back up.
    Run r = run({ u"backup"_s, backup });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(u"There is no database"_s), qPrintable(r.err));
    QCOMPARE(run({ u"config"_s, u"list"_s }).code, 0); // the first command creates it
    QCOMPARE(run({ u"backup"_s, backup }).code, 0);
    QProcess serve;
    startServe(serve, freePort());
    if (QTest::currentTestFailed())
        return;
    r = run({ u"restore"_s, backup });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(u"already routing calls"_s) && r.err.contains(QString::number(serve.processId())),
        qPrintable(r.err));
    ::kill(pid_t(serve.processId()), SIGTERM);
    QVERIFY(serve.waitForFinished(10000));
    QCOMPARE(run({ u"restore"_s, backup }).code, 0);
}

void TestCli::backupWhileCallsAreRouted()
{
    const QString token = u"AuthTokenForTheBackupTest12"_s;
    const QString webhookToken = setUpRouting(token);
    if (QTest::currentTestFailed())
        return;
    const quint16 port = freePort();
    QProcess serve;
    startServe(serve, port);
    if (QTest::currentTestFailed())
        return;
    FakeTwilio twilio(QUrl(u"http://127.0.0.1:%1"_s.arg(port)), token.toUtf8());
    const QUrl voice = twilio.publicUrl(u"/twilio/voice/"_s + webhookToken);
    QStringList before;
    for (int i = 0; i < 30; ++i) {
        before.append(FakeTwilio::newCallSid());
        QCOMPARE(twilio.post(voice, FakeTwilio::callFields(before.last(), u"+15551112222"_s, u"+15557654321"_s)).status, 200);
    }
    // Answered calls reach the database a few milliseconds after their answer (the journal has
    // them at once); the backup is of the database.
    QTRY_VERIFY_WITH_TIMEOUT(
        QJsonDocument::fromJson(run({ u"calls"_s, u"--json"_s, u"--limit"_s, u"100"_s }).out.toUtf8()).array().size() == 30,
        10000);

    // Calls keep coming while the copy is made.
    QTemporaryDir elsewhere;
    const QString backup = elsewhere.filePath(u"busy.db"_s);
    QProcess copying;
    copying.setProcessEnvironment(environment());
    QList<QNetworkReply *> during;
    copying.start(binary(), { u"backup"_s, backup });
    QVERIFY(copying.waitForStarted());
    while (copying.state() == QProcess::Running || during.size() < 10) {
        during.append(twilio.postAsync(voice,
            FakeTwilio::callFields(FakeTwilio::newCallSid(), u"+15551112222"_s, u"+15557654321"_s)));
        QTest::qWait(5);
    }
    QCOMPARE(copying.exitCode(), 0);
    for (QNetworkReply *reply : std::as_const(during))
        QCOMPARE(FakeTwilio::collect(reply).status, 200);

    // The copy holds every call logged before it began, and is a database of its own.
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"busy"_s);
    db.setDatabaseName(backup);
    db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
    QVERIFY(db.open());
    QSqlQuery check(u"PRAGMA integrity_check"_s, db);
    QVERIFY(check.next());
    QCOMPARE(check.value(0).toString(), u"ok"_s);
    for (const QString &sid : std::as_const(before)) {
        QSqlQuery query(db);
        query.prepare(u"SELECT count(*) FROM call_sessions WHERE call_sid = ?"_s);
        query.addBindValue(sid);
        QVERIFY(query.exec() && query.next());
        QCOMPARE(query.value(0).toInt(), 1);
    }
    QVERIFY(!QFileInfo::exists(backup + u"-wal"_s));
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"busy"_s);
    ::kill(pid_t(serve.processId()), SIGTERM);
    QVERIFY(serve.waitForFinished(10000));
}

void TestCli::aDamagedDatabaseIsReportedWithTheNewestBackup()
{
    QByteArray csv = "customer_id,name,phone,email,notes\n";
    for (int i = 0; i < 400; ++i)
        csv += u"C%1,Customer %1,+1555%2,,a note long enough to fill pages\n"_s.arg(i).arg(2000000 + i).toUtf8();
    QCOMPARE(run({ u"import"_s, u"customers"_s, m_dir->writeFile(u"customers.csv"_s, csv) }).code, 0);
    const QString backups = QDir(m_dir->path()).filePath(u"backups"_s);
    QVERIFY(QDir().mkpath(backups));
    const QString newest = QDir(backups).filePath(u"switchboard-2026-12-01.db"_s);
    QCOMPARE(run({ u"backup"_s, newest }).code, 0);

    // Pages overwritten on disk, as a failing disk might: first a few at the end (customers' rows, which
    // opening the database does not read; the router's start checks every page), then many (the schema
    // too, which opening reads).
    const QString database = Database::fileNameIn(m_dir->path());
    const qint64 pages = QFileInfo(database).size() / 4096;
    QVERIFY(pages > 12);
    for (const qint64 firstDamaged : { pages - 3, qint64(3) }) {
        {
            QFile f(database);
            QVERIFY(f.open(QIODevice::ReadWrite));
            for (qint64 page = firstDamaged; page < pages; page += 3) {
                f.seek(page * 4096);
                f.write(QByteArray(4096, '\x5A'));
            }
        }
        QProcess serve;
        serve.setProcessEnvironment(environment());
        serve.start(binary(), { u"serve"_s, u"--listen"_s, u"127.0.0.1:%1"_s.arg(freePort()) });
        QVERIFY(serve.waitForFinished(30000));
        QCOMPARE(serve.exitCode(), 1);
        const QString err = QString::fromUtf8(serve.readAllStandardError());
        // One sentence: what is wrong, and the way back.
        QVERIFY2(err.contains(u"is damaged"_s), qPrintable(err));
        QVERIFY2(err.contains(u"switchboard restore "_s + QDir::toNativeSeparators(newest)), qPrintable(err));
    }
    // Nothing was recreated in its place: the damaged file is still there for whoever looks at it.
    QVERIFY(QFileInfo(database).size() > 8 * 4096);

    QCOMPARE(run({ u"restore"_s, newest }).code, 0);
    QProcess again;
    startServe(again, freePort());
    ::kill(pid_t(again.processId()), SIGTERM);
    QVERIFY(again.waitForFinished(10000));
}

void TestCli::callsAsCsvHaveNoLimit()
{
    {
        DataDirectory data(m_dir->path());
        QString error;
        QVERIFY2(data.open(&error), qPrintable(error));
        CallStore calls(data.database());
        for (int n = 0; n < 60; ++n) {
            CallSessionRecord session;
            session.callSid = u"CA%1"_s.arg(n, 32, 16, QLatin1Char('0'));
            session.from = u"+1555123%1"_s.arg(n, 4, 10, QLatin1Char('0'));
            session.to = u"+15557654321"_s;
            session.startedAt = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC).addSecs(60 * n);
            session.outcome = CallOutcome::Missed;
            QVERIFY2(calls.createSession(session, &error), qPrintable(error));
        }
    }
    const Run csv = run({ u"calls"_s, u"--csv"_s });
    QCOMPARE(csv.code, 0);
    const QStringList lines = csv.out.split(u"\r\n"_s, Qt::SkipEmptyParts);
    // Past the list's default of 50: every call, the newest first.
    QCOMPARE(lines.size(), 61);
    QCOMPARE(lines.first(), u"call_sid,started_at,from,customer_name,to,outcome,duration_s,booking_id"_s);
    QVERIFY2(lines.at(1).startsWith(u"CA%1,2026-11-02T09:59:00Z,+15551230059,"_s.arg(59, 32, 16, QLatin1Char('0'))),
        qPrintable(lines.at(1)));
    const Run filtered = run({ u"calls"_s, u"--csv"_s, u"--caller"_s, u"+1555123005"_s });
    QCOMPARE(filtered.out.split(u"\r\n"_s, Qt::SkipEmptyParts).size(), 11);

    // --caller takes the number in any written form. The table is read by people, in the practice's
    // national form; CSV and JSON are read by programs, in E.164.
    const Run table = run({ u"calls"_s, u"--caller"_s, u"(555) 123-0059"_s });
    QCOMPARE(table.code, 0);
    QVERIFY2(table.out.contains(u"(555) 123-0059"_s) && !table.out.contains(u"+15551230059"_s), qPrintable(table.out));
    const Run json = run({ u"calls"_s, u"--json"_s, u"--caller"_s, u"555-123-0059"_s });
    const QJsonArray one = QJsonDocument::fromJson(json.out.toUtf8()).array();
    QCOMPARE(one.size(), 1);
    QCOMPARE(one.at(0).toObject().value(u"from"_s).toString(), u"+15551230059"_s);
    const Run csvOne = run({ u"calls"_s, u"--csv"_s, u"--caller"_s, u"(555) 123-0059"_s });
    const QStringList csvLines = csvOne.out.split(u"\r\n"_s, Qt::SkipEmptyParts);
    QCOMPARE(csvLines.size(), 2);
    QVERIFY2(csvLines.at(1).contains(u",+15551230059,"_s), qPrintable(csvLines.at(1)));
}

void TestCli::serveLogsToItsFileWithSecretsRedacted()
{
    const QString token = u"AuthTokenForTheLogTest12345"_s;
    const QString webhookToken = setUpRouting(token);
    const quint16 port = freePort();
    QProcess serve;
    startServe(serve, port, nullptr, { u"--verbose"_s });
    if (QTest::currentTestFailed())
        return;
    FakeTwilio twilio(QUrl(u"http://127.0.0.1:%1"_s.arg(port)), token.toUtf8());
    const QString sid = FakeTwilio::newCallSid();
    QCOMPARE(twilio.post(twilio.publicUrl(u"/twilio/voice/"_s + webhookToken),
                 FakeTwilio::callFields(sid, u"+15551112222"_s, u"+15557654321"_s))
                 .status,
        200);
    ::kill(pid_t(serve.processId()), SIGTERM);
    QVERIFY(serve.waitForFinished(10000));
    const QByteArray stderrText = serve.readAllStandardError();

    QFile log(m_dir->filePath(u"logs/switchboard.log"_s));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(log.readAll());
    QVERIFY2(text.contains(u" info switchboard.server: Listening on"_s), qPrintable(text));
    // --verbose: one line per webhook answered, its token redacted.
    QVERIFY2(text.contains(u" debug switchboard.requests: POST /twilio/voice/[redacted] %1 -> 200 in "_s.arg(sid)),
        qPrintable(text));
    for (const QString &secret : { token, webhookToken }) {
        QVERIFY2(!text.contains(secret), qPrintable(text));
        QVERIFY(!QString::fromUtf8(stderrText).contains(secret));
    }
    QCOMPARE(TempDataDir::modeOf(log.fileName()), 0600);
}

void TestCli::doctorNamesEveryFindingAndFails()
{
    // Set up as many first tries are: a public URL on this computer, no Twilio account, no router running.
    QCOMPARE(run({ u"config"_s, u"set"_s, u"server.public_url"_s, u"http://127.0.0.1:18080"_s }).code, 0);
    QCOMPARE(run({ u"config"_s, u"set"_s, u"twilio.auth_token"_s, u"tok9f8e7d6c5b4a39281706f5e4d3c2b1a0"_s }).code, 0);
    QCOMPARE(run({ u"config"_s, u"set"_s, u"routing.fallback_number"_s, u"(555) 000-9999"_s }).code, 0);
    const Run json = run({ u"doctor"_s, u"--json"_s });
    QCOMPARE(json.code, 1);
    const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(report.value(u"ok"_s).toBool(true), false);
    QJsonObject reach;
    QJsonObject router;
    QStringList titles;
    for (const QJsonValue &value : report.value(u"checks"_s).toArray()) {
        const QJsonObject check = value.toObject();
        titles.append(check.value(u"title"_s).toString());
        QVERIFY2(check.value(u"ok"_s).toBool() || !check.value(u"fix"_s).toString().isEmpty(), qPrintable(json.out));
        if (check.value(u"title"_s).toString() == u"Twilio can reach this computer"_s)
            reach = check;
        if (check.value(u"title"_s).toString() == u"Router running"_s)
            router = check;
    }
    QCOMPARE(titles,
        (QStringList { u"Twilio account"_s, u"Numbers point here"_s, u"When this computer cannot answer"_s,
            u"Twilio can reach this computer"_s, u"Retell AI voice agent"_s, u"Fallback number"_s,
            u"Router running"_s }));
    QVERIFY2(reach.value(u"detail"_s).toString().contains(u"loopback address"_s), qPrintable(json.out));
    QVERIFY2(reach.value(u"detail"_s).toString().contains(u"port 18080 of this computer, but the router listens on port 8080"_s),
        qPrintable(json.out));
    QCOMPARE(router.value(u"ok"_s).toBool(true), false);
    // Programs read the numbers as stored, people the way the practice writes them.
    QVERIFY2(json.out.contains(u"+15550009999 rings when nobody else can take a call."_s), qPrintable(json.out));

    const Run text = run({ u"doctor"_s });
    QCOMPARE(text.code, 1);
    QVERIFY2(text.out.contains(u"✓ Fallback number: (555) 000-9999 rings when nobody else can take a call."_s),
        qPrintable(text.out));
    QVERIFY2(text.out.contains(u"✗ Twilio can reach this computer: Twilio cannot reach http://127.0.0.1:18080"_s),
        qPrintable(text.out));
    QVERIFY2(text.out.contains(u"    Twilio calls from the internet: start a tunnel"_s), qPrintable(text.out));
    QVERIFY(!text.out.contains(u"tok9f8e7d6c5b4a39281706f5e4d3c2b1a0"_s));
    QCOMPARE(run({ u"doctor"_s, u"extra"_s }).code, 2);
}

void TestCli::twilioApplyPointsTheNumbersAndSetsUpTheFallback()
{
    const QString accountSid = u"AC0123456789abcdef0123456789abcdef"_s;
    const QString authToken = u"tok9f8e7d6c5b4a39281706f5e4d3c2b1a0"_s;
    // Twilio's REST API, faked on a thread of its own: this thread waits for the command.
    QThread thread;
    thread.start();
    QObject anchor;
    anchor.moveToThread(&thread);
    FakeTwilioRest *twilio = nullptr;
    QUrl base;
    QMetaObject::invokeMethod(
        &anchor,
        [&] {
            twilio = new FakeTwilioRest(accountSid, authToken.toUtf8());
            if (twilio->listen())
                base = twilio->baseUrl();
            twilio->addNumber(u"+15557654321"_s, u"Front desk"_s, u"https://old.example.com/voice"_s);
        },
        Qt::BlockingQueuedConnection);
    const auto ended = qScopeGuard([&] {
        QMetaObject::invokeMethod(&anchor, [&] { delete twilio; }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    });
    QVERIFY(base.isValid());
    for (const auto &[key, value] : { std::pair { u"twilio.account_sid"_s, accountSid },
             { u"twilio.auth_token"_s, authToken }, { u"twilio.api_base"_s, base.toString() },
             { u"twilio.numbers"_s, u"+15557654321"_s }, { u"routing.fallback_number"_s, u"+15550009999"_s },
             { u"server.public_url"_s, u"https://desk.example.com"_s } })
        QCOMPARE(run({ u"config"_s, u"set"_s, key, value }).code, 0);

    const Run applied = run({ u"twilio"_s, u"apply"_s });
    QCOMPARE(applied.code, 0);
    QVERIFY2(applied.out.startsWith(u"✓ When this computer cannot answer, Twilio now rings +15550009999 for 30 s"_s),
        qPrintable(applied.out + applied.err));
    QVERIFY2(applied.out.contains(u"✓ +15557654321: voice URL changed from https://old.example.com/voice to this app"_s),
        qPrintable(applied.out));
    QList<QJsonObject> flows;
    QJsonObject number;
    QMetaObject::invokeMethod(
        &anchor,
        [&] {
            flows = twilio->flows();
            number = twilio->numbers().first();
        },
        Qt::BlockingQueuedConnection);
    QCOMPARE(flows.size(), 1);
    const QString flowUrl = u"https://webhooks.twilio.com/v1/Accounts/%1/Flows/%2"_s.arg(
        accountSid, flows.first().value(u"sid"_s).toString());
    QCOMPARE(run({ u"config"_s, u"get"_s, u"twilio.voice_fallback_url"_s }).out.trimmed(), flowUrl);
    QCOMPARE(number.value(u"voice_fallback_url"_s).toString(), flowUrl);
    QCOMPARE(FallbackFlow::read(flows.first().value(u"definition"_s).toObject())->number, u"+15550009999"_s);

    QCOMPARE(run({ u"twilio"_s, u"rewire"_s }).code, 2);
}

// The width and height a PNG file's header gives; (0, 0) when it is not one.
std::pair<quint32, quint32> pngSize(const QString &file)
{
    QFile png(file);
    if (!png.open(QIODevice::ReadOnly))
        return { 0, 0 };
    const QByteArray head = png.read(24);
    if (head.size() < 24 || !head.startsWith("\x89PNG"))
        return { 0, 0 };
    const auto big = [&](int at) {
        return quint32(quint8(head[at])) << 24 | quint32(quint8(head[at + 1])) << 16
            | quint32(quint8(head[at + 2])) << 8 | quint32(quint8(head[at + 3]));
    };
    return { big(16), big(20) };
}

void TestCli::screenshotsAreTheSizeOfTheWindow()
{
    // On a screen smaller than 1280×800 (the offscreen one) the window opens maximised; the screenshots are
    // still of the 1280×800 window, and the assistant's pages of the assistant.
    QTemporaryDir out;
    QVERIFY(out.isValid());
    QProcessEnvironment env = environment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(binary(), { u"gui"_s, u"--screenshot"_s, out.path() });
    QVERIFY(process.waitForFinished(240000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    for (const QString &panel : { u"live.png"_s, u"setup.png"_s, u"customers.png"_s, u"stats.png"_s })
        QCOMPARE(pngSize(QDir(out.path()).filePath(panel)), (std::pair<quint32, quint32>(1280, 800)));
    const auto assistant = pngSize(QDir(out.path()).filePath(u"assistant-0-welcome.png"_s));
    QVERIFY(assistant.first > 0 && assistant.first < 1280);
}

void TestCli::darkScreenshotsAreDark()
{
    // --dark stands alone, like the app's other options, and darkens every picture, assistant too.
    QTemporaryDir out;
    QVERIFY(out.isValid());
    QProcessEnvironment env = environment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(binary(), { u"--dark"_s, u"--screenshot"_s, out.path() });
    QVERIFY(process.waitForFinished(240000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    const QStringList pictures = QDir(out.path()).entryList({ u"*.png"_s }, QDir::Files);
    QVERIFY(pictures.size() >= 10);
    for (const QString &picture : pictures) {
        const QImage image(QDir(out.path()).filePath(picture));
        QVERIFY2(!image.isNull(), qPrintable(picture));
        // Most of the picture is the dark window and lists; the text on them is light.
        qint64 lightness = 0;
        int samples = 0;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7) {
                lightness += image.pixelColor(x, y).lightness();
                ++samples;
            }
        }
        QVERIFY2(lightness / samples < 90, qPrintable(u"%1: %2"_s.arg(picture).arg(lightness / samples)));
    }
}

namespace {

FeedSession monitoredCall(CallStage stage)
{
    FeedSession session;
    CallSessionRecord &s = session.call.session;
    s.callSid = u"CA0123456789abcdef0123456789abcdef"_s;
    s.from = u"+15551234567"_s;
    s.to = u"+15557654321"_s;
    s.startedAt = QDateTime(QDate(2026, 3, 2), QTime(14, 5, 9), Qt::UTC);
    s.stage = stage;
    session.call.customerName = u"Tom Becker"_s;
    if (stage == CallStage::Ringing || stage == CallStage::Answered)
        session.with = FeedParty { u"alice"_s, u"Alice Ng"_s, u"+15551110001"_s };
    return session;
}

FeedSession monitoredCallEnded()
{
    FeedSession session = monitoredCall(CallStage::Answered);
    session.call.session.endedAt = QDateTime(QDate(2026, 3, 2), QTime(14, 5, 51), Qt::UTC);
    session.call.session.durationSeconds = 42;
    session.call.session.outcome = CallOutcome::Answered;
    session.with.reset();
    return session;
}

// The lines printed so far, each without its leading "HH:mm:ss  " (which must be there).
QStringList linesWithoutTime(const QByteArray &output)
{
    static const QRegularExpression time(u"^\\d\\d:\\d\\d:\\d\\d  "_s);
    QStringList lines;
    for (const QString &line : QString::fromUtf8(output).split(u'\n', Qt::SkipEmptyParts)) {
        const QRegularExpressionMatch match = time.match(line);
        lines.append(match.hasMatch() ? line.mid(match.capturedLength()) : u"(no time) "_s + line);
    }
    return lines;
}

} // namespace

Run TestCli::runServing(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(binary(), arguments);
    process.closeWriteChannel();
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 60000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

void TestCli::startMonitor(QProcess &monitor, const QString &address, const QStringList &options)
{
    QProcessEnvironment environment = this->environment();
    environment.insert(u"SWITCHBOARD_FEED_TOKEN"_s, u"token-from-the-environment"_s);
    monitor.setProcessEnvironment(environment);
    monitor.start(binary(), QStringList { u"monitor"_s, address } + options);
    QVERIFY(monitor.waitForStarted());
}

void TestCli::monitorRefusesBadUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");

    QTest::newRow("no address") << QStringList { u"monitor"_s, u"--token"_s, u"t"_s }
                                << u"monitor needs the other router's address"_s;
    QTest::newRow("two addresses") << QStringList { u"monitor"_s, u"ws://a:1"_s, u"ws://b:1"_s, u"--token"_s,
        u"t"_s } << u"monitor needs the other router's address"_s;
    QTest::newRow("not an address") << QStringList { u"monitor"_s, u"ftp://10.0.0.5:8081"_s, u"--token"_s,
        u"t"_s } << u"must start with ws://"_s;
    QTest::newRow("no token") << QStringList { u"monitor"_s, u"ws://127.0.0.1:1"_s }
                              << u"SWITCHBOARD_FEED_TOKEN"_s;
    QTest::newRow("a token with spaces")
        << QStringList { u"monitor"_s, u"ws://127.0.0.1:1"_s, u"--token"_s, u"two words"_s } << u"token"_s;
    QTest::newRow("not a fingerprint") << QStringList { u"monitor"_s, u"wss://127.0.0.1:1"_s, u"--token"_s,
        u"t"_s, u"--certificate-sha256"_s, u"AB:CD"_s }
                                       << u"--certificate-sha256"_s;
    QTest::newRow("unknown option") << QStringList { u"monitor"_s, u"ws://127.0.0.1:1"_s, u"--watch"_s }
                                    << u"watch"_s;
}

void TestCli::monitorRefusesBadUsage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);

    QProcessEnvironment environment = this->environment();
    environment.remove(u"SWITCHBOARD_FEED_TOKEN"_s);
    const Run r = run(arguments, environment);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(error), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TestCli::monitorPrintsEveryMessageAsAJsonLine()
{
    FakeFeedServer server;
    QVERIFY(server.listen());
    const QByteArray snapshot = FeedMessage::snapshot(10, { monitoredCall(CallStage::Ringing) }).toJson();
    server.setGreeting({ snapshot });
    QProcess monitor;
    startMonitor(monitor, server.address(), { u"--json"_s });
    if (QTest::currentTestFailed())
        return;
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 1, 30000);
    CallEventRecord event;
    event.callSid = u"CA0123456789abcdef0123456789abcdef"_s;
    event.at = QDateTime(QDate(2026, 3, 2), QTime(14, 5, 12), Qt::UTC);
    event.step = Step::DialTargetResult;
    event.detail = u"Alice Ng answered \x1b[31m."_s; // a terminal's control character, escaped in JSON
    const QList<QByteArray> sent { snapshot,
        FeedMessage::sessionChanged(11, monitoredCall(CallStage::Answered)).toJson(),
        FeedMessage::eventRecorded(12, event).toJson(),
        FeedMessage::result(u"c-1"_s, false, u"No."_s).toJson() };
    for (const QByteArray &message : sent.mid(1))
        server.send(message);
    // A frame that is no message is said on standard error, never printed as one.
    server.send("not json");

    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT((output += monitor.readAllStandardOutput()).count('\n') >= sent.size(), 30000);
    QCOMPARE(output.split('\n').mid(0, sent.size()), sent);
    QVERIFY(!output.contains('\x1b'));
    ::kill(pid_t(monitor.processId()), SIGTERM);
    QTRY_COMPARE_WITH_TIMEOUT(monitor.state(), QProcess::NotRunning, 30000);
    QCOMPARE(monitor.exitStatus(), QProcess::NormalExit);
    QCOMPARE(monitor.exitCode(), 0);
    output += monitor.readAllStandardOutput();
    QCOMPARE(output.count('\n'), sent.size());

    const QString err = QString::fromUtf8(monitor.readAllStandardError());
    QVERIFY2(err.contains(u"Connected to "_s + server.address() + u"/feed."_s), qPrintable(err));
    QVERIFY2(err.contains(u"A message from the router could not be read: not JSON"_s), qPrintable(err));
    QCOMPARE(server.handshakes().first().authorization, QByteArray("Bearer token-from-the-environment"));
    QCOMPARE(server.handshakes().first().url.path(), u"/feed"_s);
    // Watching another router touches no data folder here.
    QVERIFY(!QFile::exists(m_dir->filePath(u"switchboard.db"_s)));
}

void TestCli::monitorPrintsALinePerChangeAndComesBack()
{
    FakeFeedServer server;
    QVERIFY(server.listen());
    server.setGreeting({ FeedMessage::snapshot(10, { monitoredCall(CallStage::Ringing) }).toJson() });
    QProcess monitor;
    startMonitor(monitor, server.address(), { u"--token"_s, u"token-on-the-command-line"_s });
    if (QTest::currentTestFailed())
        return;
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 1, 30000);
    // The same state again, and an event, change nothing a person reads: no line.
    server.send(FeedMessage::sessionChanged(11, monitoredCall(CallStage::Ringing)).toJson());
    server.send(FeedMessage::sessionChanged(12, monitoredCall(CallStage::Answered)).toJson());
    CallEventRecord event;
    event.callSid = u"CA0123456789abcdef0123456789abcdef"_s;
    event.at = QDateTime(QDate(2026, 3, 2), QTime(14, 5, 12), Qt::UTC);
    event.step = Step::DialTargetResult;
    server.send(FeedMessage::eventRecorded(13, event).toJson());
    server.send(FeedMessage::sessionChanged(14, monitoredCallEnded()).toJson());

    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT((output += monitor.readAllStandardOutput()).count('\n') >= 4, 30000);
    const QString feed = server.address() + u"/feed"_s;
    QCOMPARE(linesWithoutTime(output),
        QStringList({ u"Connected to "_s + feed + u"."_s, u"(555) 123-4567 Tom Becker → ringing Alice Ng"_s,
            u"(555) 123-4567 Tom Becker → talking with Alice Ng"_s,
            u"(555) 123-4567 Tom Becker → ended: answered, 0:42"_s }));

    // Cut off: said, and back by itself from the last message it saw.
    server.cutAll();
    QTRY_VERIFY_WITH_TIMEOUT((output += monitor.readAllStandardOutput()).count('\n') >= 6, 30000);
    const QStringList lines = linesWithoutTime(output);
    QVERIFY2(QRegularExpression(u"^Cut off: The router closed the connection\\. Next try in 1 s\\.$"_s)
                 .match(lines.at(4))
                 .hasMatch(),
        qPrintable(lines.at(4)));
    QCOMPARE(lines.at(5), u"Connected again to "_s + feed + u"."_s);
    QCOMPARE(server.handshakes().size(), 2);
    QCOMPARE(server.handshakes().at(1).since(), std::optional<qint64>(14));
    QCOMPARE(server.handshakes().at(1).authorization, QByteArray("Bearer token-on-the-command-line"));

    ::kill(pid_t(monitor.processId()), SIGINT);
    QTRY_COMPARE_WITH_TIMEOUT(monitor.state(), QProcess::NotRunning, 30000);
    QCOMPARE(monitor.exitStatus(), QProcess::NormalExit);
    QCOMPARE(monitor.exitCode(), 0);
    QVERIFY2(monitor.readAllStandardError().isEmpty(), "nothing went wrong");
}

void TestCli::monitorReadsNumbersTheLocalPracticesWay()
{
    QCOMPARE(run({ u"config"_s, u"set"_s, u"routing.default_region"_s, u"GB"_s }).code, 0);
    FakeFeedServer server;
    QVERIFY(server.listen());
    FeedSession london = monitoredCall(CallStage::Menu);
    london.call.session.from = u"+442079460018"_s;
    london.call.customerName.clear();
    // A call-back from the practice to a customer in Manchester: the line is about the customer.
    FeedSession callBack = monitoredCall(CallStage::Ringing);
    callBack.call.session.callSid = u"CA0123456789abcdef0123456789abcdee"_s;
    callBack.call.session.direction = CallDirection::Outgoing;
    callBack.call.session.from = u"+15557654321"_s;
    callBack.call.session.to = u"+441612345678"_s;
    server.setGreeting({ FeedMessage::snapshot(3, { london, callBack }).toJson() });
    QProcess monitor;
    startMonitor(monitor, server.address());
    if (QTest::currentTestFailed())
        return;
    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT((output += monitor.readAllStandardOutput()).count('\n') >= 3, 30000);
    QCOMPARE(linesWithoutTime(output).at(1), u"020 7946 0018 → in the menu"_s);
    QCOMPARE(linesWithoutTime(output).at(2), u"Call-back to 0161 234 5678 Tom Becker → ringing Alice Ng"_s);
    ::kill(pid_t(monitor.processId()), SIGTERM);
    QTRY_COMPARE_WITH_TIMEOUT(monitor.state(), QProcess::NotRunning, 30000);
    QCOMPARE(monitor.exitCode(), 0);
}

void TestCli::monitorExitsAtOnceWhenTheTokenIsRefused()
{
    TokenRefusingServer server;
    QVERIFY(server.listen());
    const Run r = runServing({ u"monitor"_s, server.address(), u"--token"_s, u"wrong"_s }, environment());
    QCOMPARE(r.code, 1);
    QCOMPARE(r.err, u"The token was refused.\n"_s);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(server.requestCount(), 1);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
