/*
 * excpt.h - ndislint bundled header.
 * Clean-room subset: structured exception handling filter values and the
 * names of the compiler's exception intrinsics (__try/__except support).
 */
#ifndef NDISLINT_EXCPT_H
#define NDISLINT_EXCPT_H

/* Values an __except filter expression evaluates to. */
#define EXCEPTION_EXECUTE_HANDLER     1
#define EXCEPTION_CONTINUE_SEARCH     0
#define EXCEPTION_CONTINUE_EXECUTION (-1)

/* Intrinsics valid inside __except filters/blocks and __finally blocks;
 * the compiler provides _exception_code, _exception_info and
 * _abnormal_termination itself. */
#define GetExceptionCode            _exception_code
#define exception_code              _exception_code
#define GetExceptionInformation     (struct _EXCEPTION_POINTERS *)_exception_info
#define exception_info              (struct _EXCEPTION_POINTERS *)_exception_info
#define AbnormalTermination         _abnormal_termination
#define abnormal_termination        _abnormal_termination

#endif /* NDISLINT_EXCPT_H */
