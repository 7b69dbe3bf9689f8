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
