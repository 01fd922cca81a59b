#include "core/quant/ref/scale_search.h"

#include <algorithm>
#include <cmath>

namespace qd::ref {

namespace {

// Index-free helpers for the clamps the searches use on integer levels.
inline int clampLevel(int l, int lo, int hi) { return std::max(lo, std::min(hi, l)); }

// The value of largest magnitude in x (the first one on ties), and that magnitude.
struct SignedMax {
    float value = 0.0f;
    float magnitude = 0.0f;
};

SignedMax largestMagnitude(int n, const float* x) {
    SignedMax m;
    for (int i = 0; i < n; ++i) {
        const float a = std::fabs(x[i]);
        if (a > m.magnitude) {
            m.magnitude = a;
            m.value = x[i];
        }
    }
    return m;
}

}  // namespace

float makeSymmetricQuants(int n, int nmax, const float* x, int8_t* L, const float* weights) {
    const SignedMax big = largestMagnitude(n, x);
    if (big.magnitude < kGroupMaxEps) {
        std::fill(L, L + n, int8_t{0});
        return 0.0f;
    }
    auto weightOf = [&](int i) { return weights ? weights[i] : x[i] * x[i]; };

    // First guess: the largest-magnitude weight lands exactly on level -nmax.
    float iscale = static_cast<float>(-nmax) / big.value;
    float sumLX = 0.0f;  // sum w * x * l
    float sumL2 = 0.0f;  // sum w * l * l
    for (int i = 0; i < n; ++i) {
        const int l = clampLevel(nearestInt(iscale * x[i]), -nmax, nmax - 1);
        L[i] = static_cast<int8_t>(l + nmax);
        const float w = weightOf(i);
        sumLX += w * x[i] * static_cast<float>(l);
        sumL2 += w * static_cast<float>(l) * static_cast<float>(l);
    }
    float scale = sumL2 != 0.0f ? sumLX / sumL2 : 0.0f;
    // For the least-squares scale of fixed levels the weighted error is sum w x^2 - sumLX^2 / sumL2, so
    // comparing sumLX^2 / sumL2 (cross-multiplied to avoid a division) picks the better candidate.
    float best = scale * sumLX;

    for (int step = -9; step <= 9; ++step) {
        if (step == 0) continue;
        iscale = -(static_cast<float>(nmax) + 0.1f * static_cast<float>(step)) / big.value;
        sumLX = 0.0f;
        sumL2 = 0.0f;
        for (int i = 0; i < n; ++i) {
            const int l = clampLevel(nearestInt(iscale * x[i]), -nmax, nmax - 1);
            const float w = weightOf(i);
            sumLX += w * x[i] * static_cast<float>(l);
            sumL2 += w * static_cast<float>(l) * static_cast<float>(l);
        }
        if (sumL2 > 0.0f && sumLX * sumLX > best * sumL2) {
            for (int i = 0; i < n; ++i)
                L[i] = static_cast<int8_t>(nmax + clampLevel(nearestInt(iscale * x[i]), -nmax, nmax - 1));
            scale = sumLX / sumL2;
            best = scale * sumLX;
        }
    }
    return scale;
}

float makeQ3Quants(int n, int nmax, const float* x, int8_t* L) {
    const SignedMax big = largestMagnitude(n, x);
    if (big.magnitude < kGroupMaxEps) {
        std::fill(L, L + n, int8_t{0});
        return 0.0f;
    }
    const float iscale = static_cast<float>(-nmax) / big.value;
    float sumLX = 0.0f;
    float sumL2 = 0.0f;
    for (int i = 0; i < n; ++i) {
        const int l = clampLevel(nearestInt(iscale * x[i]), -nmax, nmax - 1);
        L[i] = static_cast<int8_t>(l);  // signed level for now; offset by nmax at the end
        const float w = x[i] * x[i];
        sumLX += w * x[i] * static_cast<float>(l);
        sumL2 += w * static_cast<float>(l) * static_cast<float>(l);
    }
    // Coordinate descent: for each weight, the level that is best given all the others (the optimum of
    // the scale-free error sumLX^2 / sumL2 with that term removed); accept it only if the whole group's
    // sumLX^2 / sumL2 grows.
    for (int pass = 0; pass < 5; ++pass) {
        int changed = 0;
        for (int i = 0; i < n; ++i) {
            const float w = x[i] * x[i];
            const float li = static_cast<float>(L[i]);
            float slx = sumLX - w * x[i] * li;
            if (slx > 0.0f) {
                float sl2 = sumL2 - w * li * li;
                const int newL = clampLevel(nearestInt(x[i] * sl2 / slx), -nmax, nmax - 1);
                if (newL != L[i]) {
                    const float nl = static_cast<float>(newL);
                    slx += w * x[i] * nl;
                    sl2 += w * nl * nl;
                    if (sl2 > 0.0f && slx * slx * sumL2 > sumLX * sumLX * sl2) {
                        L[i] = static_cast<int8_t>(newL);
                        sumLX = slx;
                        sumL2 = sl2;
                        ++changed;
                    }
                }
            }
        }
        if (changed == 0) break;
    }
    for (int i = 0; i < n; ++i) L[i] = static_cast<int8_t>(L[i] + nmax);
    return sumLX / sumL2;
}

float makeAsymmetricQuants(int n, int nmax, const float* x, const float* weights, uint8_t* L,
                           float* theMin, uint8_t* laux, float rmin, float rdelta, int nStep, bool useMad) {
    float lo = x[0];
    float hi = x[0];
    float sumW = weights[0];
    float sumX = sumW * x[0];
    for (int i = 1; i < n; ++i) {
        if (x[i] < lo) lo = x[i];
        if (x[i] > hi) hi = x[i];
        const float w = weights[i];
        sumW += w;
        sumX += w * x[i];
    }
    // The offset only ever shifts down: a group of positive weights still starts at level 0 = value 0.
    if (lo > 0.0f) lo = 0.0f;
    if (hi <= lo) {
        std::fill(L, L + n, uint8_t{0});
        *theMin = -lo;
        return 0.0f;
    }

    auto errorOf = [&](float diff) { return useMad ? std::fabs(diff) : diff * diff; };

    float iscale = static_cast<float>(nmax) / (hi - lo);
    float scale = 1.0f / iscale;
    float bestErr = 0.0f;
    for (int i = 0; i < n; ++i) {
        const int l = nearestInt(iscale * (x[i] - lo));
        L[i] = static_cast<uint8_t>(clampLevel(l, 0, nmax));
        const float diff = scale * static_cast<float>(L[i]) + lo - x[i];
        bestErr += weights[i] * errorOf(diff);
    }
    if (nStep < 1) {
        *theMin = -lo;
        return scale;
    }

    for (int step = 0; step <= nStep; ++step) {
        iscale = (rmin + rdelta * static_cast<float>(step) + static_cast<float>(nmax)) / (hi - lo);
        float sumL = 0.0f, sumL2 = 0.0f, sumXL = 0.0f;
        for (int i = 0; i < n; ++i) {
            const int l = clampLevel(nearestInt(iscale * (x[i] - lo)), 0, nmax);
            laux[i] = static_cast<uint8_t>(l);
            const float w = weights[i];
            const float fl = static_cast<float>(l);
            sumL += w * fl;
            sumL2 += w * fl * fl;
            sumXL += w * fl * x[i];
        }
        // Weighted least squares for x ~ a * l + b over this candidate's levels (Cramer's rule).
        const float det = sumW * sumL2 - sumL * sumL;
        if (det > 0.0f) {
            float thisScale = (sumW * sumXL - sumX * sumL) / det;
            float thisMin = (sumL2 * sumX - sumL * sumXL) / det;
            if (thisMin > 0.0f) {
                // A positive offset is not representable: refit the scale alone with offset 0.
                thisMin = 0.0f;
                thisScale = sumXL / sumL2;
            }
            float err = 0.0f;
            for (int i = 0; i < n; ++i) {
                const float diff = thisScale * static_cast<float>(laux[i]) + thisMin - x[i];
                err += weights[i] * errorOf(diff);
            }
            if (err < bestErr) {
                std::copy(laux, laux + n, L);
                bestErr = err;
                scale = thisScale;
                lo = thisMin;
            }
        }
    }
    *theMin = -lo;
    return scale;
}

float makePositiveQuants(int n, int nmax, const float* x, uint8_t* L, const float* weights) {
    float hi = 0.0f;
    for (int i = 0; i < n; ++i) hi = hi > x[i] ? hi : x[i];
    if (hi == 0.0f) {
        std::fill(L, L + n, uint8_t{0});
        return 0.0f;
    }
    const float fmax = static_cast<float>(nmax);

    // Coarse scan: the scale mapping the largest value to nmax, and 8 neighbours (nmax +- 0.1 k).
    float iscale = fmax / hi;
    for (int i = 0; i < n; ++i) L[i] = static_cast<uint8_t>(nearestInt(iscale * x[i]));  // no clamp, as ggml
    const float scale0 = 1.0f / iscale;
    float bestErr = 0.0f;
    for (int i = 0; i < n; ++i) {
        const float diff = x[i] - scale0 * static_cast<float>(L[i]);
        bestErr += weights[i] * diff * diff;
    }
    for (int step = -4; step <= 4; ++step) {
        if (step == 0) continue;
        const float iscaleStep = (0.1f * static_cast<float>(step) + fmax) / hi;
        const float scaleStep = 1.0f / iscaleStep;
        float err = 0.0f;
        for (int i = 0; i < n; ++i) {
            const int l = std::min(nmax, nearestInt(iscaleStep * x[i]));
            const float diff = x[i] - scaleStep * static_cast<float>(l);
            err += weights[i] * diff * diff;
        }
        if (err < bestErr) {
            bestErr = err;
            iscale = iscaleStep;
        }
    }

    float sumLX = 0.0f;
    float sumL2 = 0.0f;
    for (int i = 0; i < n; ++i) {
        const int l = std::min(nmax, nearestInt(iscale * x[i]));
        L[i] = static_cast<uint8_t>(l);
        const float w = weights[i];
        sumLX += w * x[i] * static_cast<float>(l);
        sumL2 += w * static_cast<float>(l) * static_cast<float>(l);
    }
    // Single-level moves, as in makeQ3Quants.
    for (int pass = 0; pass < 5; ++pass) {
        int changed = 0;
        for (int i = 0; i < n; ++i) {
            const float w = weights[i];
            const float li = static_cast<float>(L[i]);
            float slx = sumLX - w * x[i] * li;
            float sl2 = sumL2 - w * li * li;
            if (slx > 0.0f && sl2 > 0.0f) {
                const int newL = std::min(nmax, nearestInt(x[i] * sl2 / slx));
                if (newL != L[i]) {
                    const float nl = static_cast<float>(newL);
                    slx += w * x[i] * nl;
                    sl2 += w * nl * nl;
                    if (slx * slx * sumL2 > sumLX * sumLX * sl2) {
                        L[i] = static_cast<uint8_t>(newL);
                        sumLX = slx;
                        sumL2 = sl2;
                        ++changed;
                    }
                }
            }
        }
        if (changed == 0) break;
    }
    return sumLX / sumL2;
}

}  // namespace qd::ref
