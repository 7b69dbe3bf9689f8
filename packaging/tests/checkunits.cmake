# The systemd units as installed pass `systemd-analyze verify` (their binary and manual page exist at the
# paths they name), and the system unit's sandbox keeps systemd's exposure rating at "OK".
# Run as: cmake -DSYSTEMD_ANALYZE=… -DBUILD_DIR=… -DWORK_DIR=… -P checkunits.cmake
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix}
                RESULT_VARIABLE result OUTPUT_QUIET ERROR_VARIABLE output)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "cmake --install failed:\n${output}")
endif()

set(system_unit ${prefix}/lib/systemd/system/switchboard.service)
set(user_unit ${prefix}/lib/systemd/user/switchboard.service)
file(STRINGS ${system_unit} exec REGEX "^ExecStart=")
if(NOT exec STREQUAL "ExecStart=${prefix}/bin/switchboard --data-dir /var/lib/switchboard serve")
    message(FATAL_ERROR "The system unit runs \"${exec}\", not the installed binary's serve")
endif()
file(STRINGS ${user_unit} exec REGEX "^ExecStart=")
if(NOT exec STREQUAL "ExecStart=${prefix}/bin/switchboard serve")
    message(FATAL_ERROR "The user unit runs \"${exec}\", not the installed binary's serve")
endif()

# Documentation=man:switchboard(1) must resolve to the installed page.
set(ENV{MANPATH} ${prefix}/share/man)
foreach(unit IN ITEMS ${system_unit} ${user_unit})
    execute_process(COMMAND ${SYSTEMD_ANALYZE} verify ${unit}
                    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
    # verify reports a bad unit both in its status and, for mere warnings, only in its output; lines
    # about other units (the machine's own) are not ours to judge.
    string(REGEX MATCHALL "[^\n]*switchboard[^\n]*" complaints "${output}")
    if(NOT result EQUAL 0 OR complaints)
        message(FATAL_ERROR "systemd-analyze verify ${unit} (${result}):\n${output}")
    endif()
endforeach()

execute_process(COMMAND ${SYSTEMD_ANALYZE} security --offline=true --no-pager ${system_unit}
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE errors)
string(REGEX MATCH "Overall exposure level for [^:]*: ([0-9.]+) ([A-Z]+)" overall "${output}")
if(NOT overall)
    message(FATAL_ERROR "systemd-analyze security gave no rating (${result}):\n${output}${errors}")
endif()
set(exposure ${CMAKE_MATCH_1})
set(rating ${CMAKE_MATCH_2})
if(NOT rating STREQUAL "OK")
    message(FATAL_ERROR "The system unit's exposure is ${exposure} ${rating}, not OK:\n${output}")
endif()
message(STATUS "Both units verify; the system unit's exposure is ${exposure} ${rating}")
