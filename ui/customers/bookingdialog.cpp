// Makes a new booking for one customer, or edits one.
#include "bookingdialog.h"

#include "look/growtofit.h"
#include "look/statuscolours.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {


} // namespace

BookingDialog::BookingDialog(qint64 customerId, const QString &customerName, const StaffList &staff,
    const ShownClock &clock, QWidget *parent)
    : QDialog(parent)
    , m_customerId(customerId)
    , m_customerName(customerName)
    , m_clock(clock)
    , m_start(new QDateTimeEdit(this))
    , m_length(new QSpinBox(this))
    , m_timeProblem(new QLabel(this))
    , m_service(new QLineEdit(this))
    , m_staff(new QComboBox(this))
    , m_status(new QComboBox(this))
    , m_saveProblem(new QLabel(this))
{
    // Problem lines appear under the fields: the dialog grows rather than covering them with its buttons.
    GrowToFit::keep(this);
    setWindowTitle(tr("New booking for %1").arg(customerName));
    m_start->setObjectName(u"start"_s);
    m_length->setObjectName(u"length"_s);
    m_service->setObjectName(u"service"_s);
    m_staff->setObjectName(u"staff"_s);
    m_status->setObjectName(u"status"_s);

    m_start->setCalendarPopup(true);
    ShownClock::prepareEditor(m_start);
    m_start->setDisplayFormat(
        u"ddd "_s + m_clock.locale().dateFormat(QLocale::ShortFormat) + u"  "_s + m_clock.timeFormat());
    // Tomorrow at nine: the usual first free slot, and never in the past.
    m_clock.showInEditor(m_start, m_clock.instant(m_clock.today().addDays(1), QTime(9, 0)));
    auto *zoneNote = new QLabel(m_clock.zoneNote(), this);
    zoneNote->setObjectName(u"zoneNote"_s);
    zoneNote->setForegroundRole(QPalette::PlaceholderText);
    zoneNote->setVisible(!zoneNote->text().isEmpty());
    m_length->setRange(5, 12 * 60);
    m_length->setSingleStep(15);
    m_length->setValue(30);
    m_length->setSuffix(tr(" min"));
    m_service->setPlaceholderText(tr("Cleaning, check-up, filling…"));
    m_staff->addItem(tr("Anyone"), QString());
    for (const auto &[id, name] : staff)
        m_staff->addItem(name.isEmpty() ? id : name, id);
    m_status->addItem(tr("Confirmed"), int(BookingStatus::Confirmed));
    m_status->addItem(tr("Pending"), int(BookingStatus::Pending));
    m_timeProblem->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    m_timeProblem->setWordWrap(true);
    m_timeProblem->hide();
    m_saveProblem->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    m_saveProblem->setWordWrap(true);
    m_saveProblem->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Starts:"), m_start);
    form->addRow(QString(), zoneNote);
    form->addRow(tr("&Length:"), m_length);
    form->addRow(QString(), m_timeProblem);
    form->addRow(tr("S&ervice:"), m_service);
    form->addRow(tr("S&taff:"), m_staff);
    form->addRow(tr("Stat&us:"), m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_saveProblem);
    layout->addWidget(buttons);
    setMinimumWidth(420);

    connect(buttons, &QDialogButtonBox::accepted, this, &BookingDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &BookingDialog::reject);
    connect(
        m_start, &QDateTimeEdit::dateTimeChanged, this, [this] { checkTime(m_timeProblem->isVisible()); });
    connect(m_length, &QSpinBox::valueChanged, this, [this] { checkTime(m_timeProblem->isVisible()); });
    connect(
        m_status, &QComboBox::currentIndexChanged, this, [this] { checkTime(m_timeProblem->isVisible()); });
}

void BookingDialog::setBooking(const Booking &booking)
{
    m_edited = booking;
    m_customerId = booking.customerId;
    setWindowTitle(tr("Edit booking for %1").arg(m_customerName));
    m_clock.showInEditor(m_start, booking.startsAt);
    const int minutes = int(qMax<qint64>(0, booking.startsAt.secsTo(booking.endsAt)) / 60);
    // An imported booking may be longer or shorter than a booking made here can be: it keeps its length.
    m_length->setRange(qMin(m_length->minimum(), minutes), qMax(m_length->maximum(), minutes));
    m_length->setValue(minutes);
    m_service->setText(booking.service);
    // Imported bookings name their staff in the booking system's words, which the plan may not have.
    int staff = m_staff->findData(booking.staff);
    if (staff < 0) {
        m_staff->addItem(booking.staff, booking.staff);
        staff = m_staff->count() - 1;
    }
    m_staff->setCurrentIndex(staff);
    // An old visit is marked completed or a no-show here too.
    m_status->addItem(tr("Completed"), int(BookingStatus::Completed));
    m_status->addItem(tr("No-show"), int(BookingStatus::NoShow));
    m_status->addItem(tr("Canceled"), int(BookingStatus::Canceled));
    m_status->setCurrentIndex(m_status->findData(int(booking.status)));
    m_shownStart = m_start->dateTime();
    m_shownLength = m_length->value();
}

bool BookingDialog::timeChanged() const
{
    return m_start->dateTime() != m_shownStart || m_length->value() != m_shownLength;
}

Booking BookingDialog::booking() const
{
    Booking booking = m_edited.value_or(Booking());
    booking.customerId = m_customerId;
    // Untouched times stay as they were to the millisecond; the fields show whole minutes.
    if (!m_edited || timeChanged()) {
        booking.startsAt = m_clock.instantInEditor(m_start);
        booking.endsAt = booking.startsAt.addSecs(qint64(m_length->value()) * 60);
    }
    booking.status = BookingStatus(m_status->currentData().toInt());
    booking.service = m_service->text().trimmed();
    booking.staff = m_staff->currentData().toString();
    return booking;
}

void BookingDialog::setStart(const QDateTime &instant)
{
    m_clock.showInEditor(m_start, instant);
}

void BookingDialog::setLengthMinutes(int minutes)
{
    m_length->setValue(minutes);
}

void BookingDialog::setService(const QString &service)
{
    m_service->setText(service);
}

bool BookingDialog::checkTime(bool show)
{
    // A booking that is already over would never reach the agent; it is a slip of the calendar.
    const bool ok = !mustBeUpcoming() || booking().endsAt > QDateTime::currentDateTimeUtc();
    if (show || ok) {
        const QString problem
            = ok ? QString() : tr("This booking would already be over; choose a later time.");
        m_start->setStyleSheet(ok ? QString() : StatusColours::frameStyle(StatusColours::Status::Bad, u"QDateTimeEdit"_s));
        m_timeProblem->setText(problem);
        m_timeProblem->setVisible(!ok);
    }
    return ok;
}

bool BookingDialog::mustBeUpcoming() const
{
    const Booking entered = booking();
    if (entered.status != BookingStatus::Confirmed && entered.status != BookingStatus::Pending)
        return false;
    return !m_edited || timeChanged();
}

bool BookingDialog::validate()
{
    return checkTime(true);
}

QString BookingDialog::timeProblem() const
{
    return m_timeProblem->text();
}

void BookingDialog::accept()
{
    m_saveProblem->hide();
    if (!validate()) {
        m_start->setFocus();
        return;
    }
    QString error;
    if (m_saver && !m_saver(booking(), &error)) {
        m_saveProblem->setText(tr("The booking was not saved: %1").arg(error));
        m_saveProblem->show();
        return;
    }
    QDialog::accept();
}
