// A customer as saved in the database: who may call and how we recognise them.
#pragma once

#include <QString>

struct Customer
{
    qint64 id = 0;
    QString externalId; // the id the customer was imported with; empty for customers created from a booking
    QString name;
    QString phoneRaw;  // as the user typed it
    QString phoneE164; // what caller ids are matched against; empty when no usable number was given
    QString email;
    QString notes;
    QString assignedStaff; // id of the staff member (routing plan) the customer is assigned to; empty: none
};

// `kept` with what a duplicate of it adds when the two are merged: kept's own details stay; its empty name,
// phone, email, assigned staff and import id are filled from the duplicate's; the duplicate's notes are
// added to its own.
Customer mergedCustomer(const Customer &kept, const Customer &duplicate);
