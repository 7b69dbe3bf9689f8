// `switchboard import customers|bookings FILE.csv`: all-or-nothing unless --skip-invalid.
#include "commands.h"
#include "commandsupport.h"

#include "datadir/datadirectory.h"
#include "importer/bookingimporter.h"
#include "importer/customerimporter.h"
#include "routing/routingplanloader.h"
#include "settings/settings.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QDir>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// The translation context of this command's messages: lupdate finds tr() only on a class.
struct ImportCommand
{
    Q_DECLARE_TR_FUNCTIONS(ImportCommand)
};

} // namespace

int runImportCommand(CommandContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({ u"skip-invalid"_s, u"Import the good rows and skip the bad ones."_s });
    const QString help = ImportCommand::tr(
        "Usage: switchboard import customers FILE.csv [--skip-invalid]\n"
        "       switchboard import bookings FILE.csv [--skip-invalid]\n"
        "customers columns: customer_id,name,phone,email,notes[,assigned_staff]\n"
        "bookings columns:  booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,"
        "service,staff\n"
        "Columns may be separated by commas or semicolons. Rows are checked as the Add\n"
        "dialog checks them (a name, a phone number, an email address, a staff member of the\n"
        "routing plan). A file with any bad row imports nothing and lists every bad row;\n"
        "--skip-invalid imports the good rows. Re-importing updates rows with the same id.\n"
        "Customers sharing a phone number are listed as warnings.\n");
    if (const int code = CommandSupport::parse(parser, context, u"import"_s, arguments, help); code >= 0)
        return code;
    const QStringList words = parser.positionalArguments();
    const QString kind = words.value(0);
    if (words.size() != 2 || (kind != u"customers"_s && kind != u"bookings"_s)) {
        context.err << help;
        return ExitCode::Usage;
    }
    const QString file = words.at(1);
    const bool skipInvalid = parser.isSet(u"skip-invalid"_s);

    auto data = CommandSupport::openDataDirectory(context);
    if (!data)
        return ExitCode::Failure;
    const QString region = data->settings().defaultRegion();
    std::unique_ptr<CsvTableImporter> importer;
    if (kind == u"customers"_s) {
        auto customers = std::make_unique<CustomerImporter>(data->database(), region);
        // Assigned staff is checked against the plan as the Add dialog's list does; a plan that no longer
        // reads is reported by the commands that route, and checks nothing here.
        if (const Result<RoutingModel> plan = RoutingPlanLoader(data->database(), region, QString()).load()) {
            CustomerCheck::StaffList staff;
            for (const StaffMember &member : plan->staff)
                staff.append({ member.id, member.name });
            customers->setStaff(staff);
        }
        importer = std::move(customers);
    } else {
        // Times written without an offset are the business's, as the desktop import reads them.
        importer = std::make_unique<BookingImporter>(data->database(), region, CommandSupport::planTimeZone(*data));
    }
    const ImportReport report = importer->importFile(file, skipInvalid);

    if (!report.fileError.isEmpty()) {
        context.err << report.fileError << '\n';
        return ExitCode::Usage;
    }
    const QString shownName = QDir::toNativeSeparators(file);
    for (const ImportRowError &error : report.errors)
        context.err << shownName << ':' << error.line << ": " << error.reason << '\n';
    for (const ImportWarning &warning : report.warnings)
        context.err << shownName << ':' << warning.lines.value(0) << ": "
                    << ImportCommand::tr("warning: %1").arg(warning.text) << '\n';
    if (!report.committed) {
        if (report.errors.isEmpty()) {
            context.err << ImportCommand::tr(
                "Nothing was imported from %1: the database refused the changes.")
                               .arg(shownName)
                        << '\n';
            return ExitCode::Failure;
        }
        context.err << ImportCommand::tr(
            "Nothing was imported from %1: %n bad row(s). Fix them, or import the good rows with "
            "--skip-invalid.", nullptr, int(report.skipped))
                           .arg(shownName)
                    << '\n';
        return ExitCode::Usage;
    }
    // One sentence per kind, so that a translation can inflect the noun.
    const QString summary = kind == u"customers"_s
        ? ImportCommand::tr("Imported customers from %1: %2 new, %3 updated")
        : ImportCommand::tr("Imported bookings from %1: %2 new, %3 updated");
    context.out << summary.arg(shownName).arg(report.inserted).arg(report.updated);
    if (report.customersCreated > 0)
        context.out << ImportCommand::tr(", %n customer(s) created from booking phone numbers", nullptr,
            int(report.customersCreated));
    if (report.skipped > 0)
        context.out << ImportCommand::tr(", %n bad row(s) skipped", nullptr, int(report.skipped));
    context.out << ".\n";
    return ExitCode::Ok;
}
