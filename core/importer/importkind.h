// What a CSV file holds: customers or bookings, each with its own columns and importer.
#pragma once

enum class ImportKind
{
    Customers,
    Bookings
};
