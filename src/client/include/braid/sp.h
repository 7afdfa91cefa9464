/*
 * libbraid: the Spread C client API, for talking to a Braid daemon (braidd)
 * or to any daemon speaking the Spread 4/5 client protocol.
 *
 * A Spread program builds against Braid by changing only its include path
 * (<braid/sp.h>) and its link flag (-lbraid): the types, functions, service
 * bits and error codes keep Spread's names, values and semantics.
 *
 * spread_name forms accepted by SP_connect:
 *   NULL or ""      same as "4803"
 *   "<port>"        local Unix socket. Tried in order: the Braid daemon's
 *                   socket /run/braid/<port>, then the classic /tmp/<port>.
 *                   If the environment variable BRAID_SOCKET_DIR is set, only
 *                   <BRAID_SOCKET_DIR>/<port> is tried.
 *   "<port>@<host>" TCP to the first address <host> resolves to (a name, an
 *                   IPv4 literal or an IPv6 literal without brackets);
 *                   "4803@localhost" is therefore loopback TCP.
 *
 * Thread safety: as in Spread, several threads may share a mailbox; sends on
 * one mailbox are serialised by a per-mailbox send lock and receives by a
 * per-mailbox receive lock, so a sender and a receiver can run concurrently.
 *
 * Short buffers (Spread user's guide 3.1.1): when the groups array or the data
 * buffer of SP_receive is too small, GROUPS_TOO_SHORT or BUFFER_TOO_SHORT is
 * returned, nothing is consumed, service_type, sender and mess_type are
 * filled, *num_groups is -(groups needed) or 0 and *endian_mismatch is
 * -(bytes needed) or 0. With DROP_RECV set in *service_type on input, what
 * fits is returned and the rest is discarded (see libbraid(3)).
 */
#ifndef BRAID_SP_H
#define BRAID_SP_H

#ifdef __cplusplus
extern "C" {
#endif

#ifndef int16
#define int16 short
#endif
#ifndef int32
#define int32 int
#endif

/* Library version announced on the wire and by SP_version (Spread 5.0.1 protocol). */
#define SPREAD_VERSION ((5 << 24) | (0 << 16) | 1)
#define DEFAULT_SPREAD_PORT 4803

/* Service-type bits. */
#define UNRELIABLE_MESS 0x00000001
#define RELIABLE_MESS 0x00000002
#define FIFO_MESS 0x00000004
#define CAUSAL_MESS 0x00000008
#define AGREED_MESS 0x00000010
#define SAFE_MESS 0x00000020
#define REGULAR_MESS 0x0000003f
#define SELF_DISCARD 0x00000040
#define DROP_RECV 0x01000000
#define REG_MEMB_MESS 0x00001000
#define TRANSITION_MESS 0x00002000
#define CAUSED_BY_JOIN 0x00000100
#define CAUSED_BY_LEAVE 0x00000200
#define CAUSED_BY_DISCONNECT 0x00000400
#define CAUSED_BY_NETWORK 0x00000800
#define MEMBERSHIP_MESS 0x00003f00
#define ENDIAN_RESERVED 0x80000080
#define RESERVED 0x003fc000
#define REJECT_MESS 0x00400000

#define Is_unreliable_mess(type) ((type) & UNRELIABLE_MESS)
#define Is_reliable_mess(type) ((type) & RELIABLE_MESS)
#define Is_fifo_mess(type) ((type) & FIFO_MESS)
#define Is_causal_mess(type) ((type) & CAUSAL_MESS)
#define Is_agreed_mess(type) ((type) & AGREED_MESS)
#define Is_safe_mess(type) ((type) & SAFE_MESS)
#define Is_regular_mess(type) (((type) & REGULAR_MESS) && !((type) & REJECT_MESS))
#define Is_self_discard(type) ((type) & SELF_DISCARD)
#define Is_reg_memb_mess(type) ((type) & REG_MEMB_MESS)
#define Is_transition_mess(type) ((type) & TRANSITION_MESS)
#define Is_caused_join_mess(type) ((type) & CAUSED_BY_JOIN)
#define Is_caused_leave_mess(type) ((type) & CAUSED_BY_LEAVE)
#define Is_caused_disconnect_mess(type) ((type) & CAUSED_BY_DISCONNECT)
#define Is_caused_network_mess(type) ((type) & CAUSED_BY_NETWORK)
#define Is_membership_mess(type) (((type) & MEMBERSHIP_MESS) && !((type) & REJECT_MESS))
#define Is_reject_mess(type) ((type) & REJECT_MESS)
#define Is_self_leave(type) \
    (((type) & CAUSED_BY_LEAVE) && !((type) & (REG_MEMB_MESS | TRANSITION_MESS)))

/* Status and error codes. */
#define ACCEPT_SESSION 1
#define ILLEGAL_SPREAD -1
#define COULD_NOT_CONNECT -2
#define REJECT_QUOTA -3
#define REJECT_NO_NAME -4
#define REJECT_ILLEGAL_NAME -5
#define REJECT_NOT_UNIQUE -6
#define REJECT_VERSION -7
#define CONNECTION_CLOSED -8
#define REJECT_AUTH -9
#define ILLEGAL_SESSION -11
#define ILLEGAL_SERVICE -12
#define ILLEGAL_MESSAGE -13
#define ILLEGAL_GROUP -14
#define BUFFER_TOO_SHORT -15
#define GROUPS_TOO_SHORT -16
#define MESSAGE_TOO_LONG -17
#define NET_ERROR_ON_SESSION -18
#define SP_BUG -19
#define ILLEGAL_TIME -20

/* Sizes. */
#define MAX_GROUP_NAME 32
#define MAX_PRIVATE_NAME 10
#define MAX_PROC_NAME 20
#define MAX_CLIENT_SCATTER_ELEMENTS 100

typedef int mailbox;
typedef int service;

/* One piece of a scatter-gather message. */
typedef struct dummy_scat_element {
    char *buf; /* start of the piece */
    int len;   /* its length in bytes */
} scat_element;

/* A message made of several pieces, sent or received in order. */
typedef struct dummy_scatter {
    int num_elements;                                  /* pieces in use */
    scat_element elements[MAX_CLIENT_SCATTER_ELEMENTS]; /* the pieces */
} scatter;

/* Opaque identifier of one view of a group; compare with SP_equal_group_ids. */
typedef struct dummy_group_id {
    int32 id[3]; /* daemon membership id and view index */
} group_id;

/* One virtual-synchrony set inside a regular membership message body. */
typedef struct dummy_vs_set_info {
    unsigned int num_members;    /* members in this set */
    unsigned int members_offset; /* byte offset of its first name in the body */
} vs_set_info;

/* What SP_get_memb_info extracts from a membership message. */
typedef struct dummy_membership_info {
    group_id gid;                        /* the new view (previous one for transitional) */
    char changed_member[MAX_GROUP_NAME]; /* who joined/left/disconnected; zeros otherwise */
    unsigned int num_vs_sets;            /* vs sets in the body */
    vs_set_info my_vs_set;               /* the set this member came with */
} membership_info;

/* Handshake time limit for SP_connect_timeout. */
#ifndef BRAID_SP_TIME_DEFINED
#define BRAID_SP_TIME_DEFINED
typedef struct dummy_time {
    long sec;  /* seconds */
    long usec; /* microseconds */
} sp_time;
#endif

int SP_connect(const char *spread_name, const char *private_name, int priority,
               int group_membership, mailbox *mbox, char *private_group);
int SP_connect_timeout(const char *spread_name, const char *private_name, int priority,
                       int group_membership, mailbox *mbox, char *private_group,
                       sp_time time_out);
int SP_disconnect(mailbox mbox);
int SP_join(mailbox mbox, const char *group);
int SP_leave(mailbox mbox, const char *group);
int SP_multicast(mailbox mbox, service service_type, const char *group, int16 mess_type,
                 int mess_len, const char *mess);
int SP_scat_multicast(mailbox mbox, service service_type, const char *group, int16 mess_type,
                      const scatter *scat_mess);
int SP_multigroup_multicast(mailbox mbox, service service_type, int num_groups,
                            const char groups[][MAX_GROUP_NAME], int16 mess_type, int mess_len,
                            const char *mess);
int SP_multigroup_scat_multicast(mailbox mbox, service service_type, int num_groups,
                                 const char groups[][MAX_GROUP_NAME], int16 mess_type,
                                 const scatter *scat_mess);
int SP_receive(mailbox mbox, service *service_type, char sender[MAX_GROUP_NAME], int max_groups,
               int *num_groups, char groups[][MAX_GROUP_NAME], int16 *mess_type,
               int *endian_mismatch, int max_mess_len, char *mess);
int SP_scat_receive(mailbox mbox, service *service_type, char sender[MAX_GROUP_NAME],
                    int max_groups, int *num_groups, char groups[][MAX_GROUP_NAME],
                    int16 *mess_type, int *endian_mismatch, scatter *scat_mess);
int SP_poll(mailbox mbox);
int SP_equal_group_ids(group_id g1, group_id g2);
int SP_get_memb_info(const char *memb_mess, const service service_type,
                     membership_info *memb_info);
int SP_get_vs_sets_info(const char *memb_mess, vs_set_info *vs_sets, int num_vs_sets,
                        unsigned int *my_vs_set_index);
int SP_get_vs_set_members(const char *memb_mess, const vs_set_info *vs_set,
                          char member_names[][MAX_GROUP_NAME], int member_names_count);
int SP_scat_get_memb_info(const scatter *memb_mess_scat, const service service_type,
                          membership_info *memb_info);
int SP_scat_get_vs_sets_info(const scatter *memb_mess_scat, vs_set_info *vs_sets,
                             int num_vs_sets, unsigned int *my_vs_set_index);
int SP_scat_get_vs_set_members(const scatter *memb_mess_scat, const vs_set_info *vs_set,
                               char member_names[][MAX_GROUP_NAME], int member_names_count);
void SP_error(int error);
int SP_version(int *major_version, int *minor_version, int *patch_version);

#ifdef __cplusplus
}
#endif

#endif /* BRAID_SP_H */
