// The desktop panels are not built yet; this keeps the ui library target valid.
namespace SwitchboardUi {
int placeholder()
{
    return 0;
}
}
