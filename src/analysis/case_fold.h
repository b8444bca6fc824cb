// case_fold.h — stage 3: case folding (ICU full case folding; ASCII fast path).
#pragma once

#include <string>
#include <string_view>

namespace palveluhaku::analysis {

// Lower-cases / case-folds a UTF-8 word: "MLL:n" -> "mll:n", "ÄITI" -> "äiti".
std::string fold_case(std::string_view word);

// The same in place (no allocation for ASCII words).
void fold_case_inplace(std::string& word);

}  // namespace palveluhaku::analysis
