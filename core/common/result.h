// A value or a one-sentence error, for core functions that can fail (no exceptions across modules).
#pragma once

#include <QString>

#include <optional>
#include <utility>

// Why something failed, where that changes what a person should do about it: when the other side could not
// be reached at all (no internet, a host name that does not resolve, no answer in time), typing the
// credentials again fixes nothing.
enum class FailureKind
{
    Other,
    Unreachable,
};

template<typename T>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    static Result failure(QString error, FailureKind kind = FailureKind::Other)
    {
        Result result;
        result.m_error = std::move(error);
        result.m_kind = kind;
        return result;
    }
    // The failure of `other`, for passing a failure on through a different kind of result.
    template<typename U>
    static Result failedAs(const Result<U> &other)
    {
        return failure(other.error(), other.failureKind());
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    const T &operator*() const { return *m_value; }
    const QString &error() const { return m_error; }
    FailureKind failureKind() const { return m_kind; }
    bool unreachable() const { return m_kind == FailureKind::Unreachable; }

private:
    Result() = default;
    std::optional<T> m_value;
    QString m_error;
    FailureKind m_kind = FailureKind::Other;
};
