#pragma once

#include <QObject>
#include <functional>

namespace tessera::ui {

// Application-wide event filter that reports user input (keys, clicks, wheel, pointer movement),
// which postpones the idle auto-lock.
class ActivityFilter : public QObject
{
public:
    ActivityFilter(std::function<void()> onActivity, QObject* parent = nullptr);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    std::function<void()> m_onActivity;
};

} // namespace tessera::ui
