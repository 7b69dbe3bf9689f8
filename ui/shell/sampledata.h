// A made-up dental practice (customers, bookings, a routing plan and a week of calls) for the
// screenshots of every panel and for trying the app without real data.
#pragma once

#include <QCoreApplication>

class DataDirectory;
struct CallSessionRecord;
class LiveCallsModel;

class SampleData
{
    Q_DECLARE_TR_FUNCTIONS(SampleData)

public:
    // Fills an empty data folder; false and *error when a part cannot be stored. Without
    // `withCustomers`, only the settings, the plan and the calls (for tests that add their own).
    static bool fill(DataDirectory &data, QString *error, bool withCustomers = true);
    // Three calls in progress and one just finished, as the live monitor shows them.
    static void fillLiveCalls(LiveCallsModel &model);

private:
    static bool addVoicemail(DataDirectory &data, const CallSessionRecord &session, QString *error);
};
