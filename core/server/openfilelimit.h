// The process's limit of open files: every connection to the webhook port takes one.
#pragma once

class OpenFileLimit
{
public:
    // Raises the soft limit to the hard one (the most an unprivileged process may have) and
    // returns the limit now in force.
    static int raiseToHard();
    static int current();
};
