// Makes a new booking for one customer, or edits one: when, how long, what, with whom and its status,
// checked at the fields.
#pragma once

#include "look/shownclock.h"
#include "storage/booking.h"

#include <QDialog>

#include <functional>
#include <optional>
#include <utility>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QSpinBox;

class BookingDialog : public QDialog
{
    Q_OBJECT

public:
    // Saves the booking; false and *error keep the dialog open with the error.
    using Saver = std::function<bool(const Booking &booking, QString *error)>;
    // Staff of the routing plan: id and name.
    using StaffList = QList<std::pair<QString, QString>>;

    // The start is typed and shown on `clock`: 09:00 means nine on the plan's clock.
    BookingDialog(qint64 customerId, const QString &customerName, const StaffList &staff,
        const ShownClock &clock = ShownClock(), QWidget *parent = nullptr);

    // The booking as entered, in UTC; when editing, with the edited booking's ids and customer.
    Booking booking() const;
    // Edits `booking` instead of making a new one: its values are filled in, and every status is offered.
    void setBooking(const Booking &booking);
    bool isEditing() const { return m_edited.has_value(); }
    void setSaver(Saver saver) { m_saver = std::move(saver); }
    // The start, shown on the dialog's clock.
    void setStart(const QDateTime &instant);
    void setLengthMinutes(int minutes);
    void setService(const QString &service);

    // Checks the fields and marks those at fault; true when the booking can be saved.
    bool validate();
    // Why the time cannot be saved, as shown under it; empty when it can.
    QString timeProblem() const;

public Q_SLOTS:
    void accept() override;

private:
    bool checkTime(bool mark);
    // Whether the booking must still be to come: a new or moved one that would count as active. Marking
    // an old visit completed, or fixing its service, must not be refused.
    bool mustBeUpcoming() const;
    // Whether the start or length differs from the edited booking's as first shown.
    bool timeChanged() const;

    qint64 m_customerId;
    QString m_customerName;
    ShownClock m_clock;
    std::optional<Booking> m_edited;
    QDateTime m_shownStart;
    int m_shownLength = 0;
    Saver m_saver;
    QDateTimeEdit *m_start;
    QSpinBox *m_length;
    QLabel *m_timeProblem;
    QLineEdit *m_service;
    QComboBox *m_staff;
    QComboBox *m_status;
    QLabel *m_saveProblem;
};
