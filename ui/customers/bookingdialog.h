// Makes a new booking for one customer: when, how long, what and with whom, checked at the fields.
#pragma once

#include "storage/booking.h"

#include <QDialog>

#include <functional>
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

    BookingDialog(
        qint64 customerId, const QString &customerName, const StaffList &staff, QWidget *parent = nullptr);

    // The booking as entered, in UTC.
    Booking booking() const;
    void setSaver(Saver saver) { m_saver = std::move(saver); }
    // The start, in the computer's time zone.
    void setStart(const QDateTime &local);
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

    qint64 m_customerId;
    Saver m_saver;
    QDateTimeEdit *m_start;
    QSpinBox *m_length;
    QLabel *m_timeProblem;
    QLineEdit *m_service;
    QComboBox *m_staff;
    QComboBox *m_status;
    QLabel *m_saveProblem;
};
