# The website's server-side rendering (included by src/server/CMakeLists.txt).
set(SITE_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/site/embed.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/site/home.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/site/html.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/site/labels.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/site/layout.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/site/messages.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/site/results.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/site/service_page.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/site/site_handlers.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/site/site_query.cpp
)
