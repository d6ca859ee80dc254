#include "Samples.h"

#include <algorithm>
#include <cmath>

namespace tessera::bench {

std::vector<double> Samples::sorted() const
{
    std::vector<double> values = m_values;
    std::sort(values.begin(), values.end());
    return values;
}

double Samples::median() const
{
    if (m_values.empty()) {
        return 0.0;
    }
    const std::vector<double> values = sorted();
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
}

double Samples::percentile(double p) const
{
    if (m_values.empty()) {
        return 0.0;
    }
    const std::vector<double> values = sorted();
    const double rank = std::ceil(std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(values.size()));
    const std::size_t index = rank < 1.0 ? 0 : static_cast<std::size_t>(rank) - 1;
    return values[std::min(index, values.size() - 1)];
}

double Samples::min() const
{
    return m_values.empty() ? 0.0 : *std::min_element(m_values.begin(), m_values.end());
}

double Samples::max() const
{
    return m_values.empty() ? 0.0 : *std::max_element(m_values.begin(), m_values.end());
}

} // namespace tessera::bench
