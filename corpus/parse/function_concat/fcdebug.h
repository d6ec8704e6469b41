/*
 * fcdebug.h - debug output of the __FUNCTION__ fixture (see driver.c).
 * MSVC pastes the string literals around __FUNCTION__ into one literal.
 */
#ifndef FCDEBUG_H
#define FCDEBUG_H

#include <ndis.h>

#define FC_PREFIX   "FCMUX: "

#if DBG
#define FC_TRACE_ENTER()    DbgPrint(FC_PREFIX "--> " __FUNCTION__ "\n")
#define FC_TRACE_LEAVE(_S)  DbgPrint(FC_PREFIX "<-- " __FUNCTION__       \
                                     ": status %x\n", (_S))
#else
#define FC_TRACE_ENTER()
#define FC_TRACE_LEAVE(_S)
#endif

/* Always on: the failure of a registration. */
#define FC_ERROR(_Msg, _S)  DbgPrint(FC_PREFIX __FUNCTION__ ": " _Msg " %x\n", (_S))

/* A helper defined in the header: pastes inside a function body. */
static __inline VOID
FcLogStep(_In_ ULONG Step)
{
    DbgPrint("FCMUX: " __FUNCTION__ " step %u\n", Step);
}

#endif /* FCDEBUG_H */
